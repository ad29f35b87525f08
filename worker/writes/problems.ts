import { sql } from 'drizzle-orm';
import type { Auth } from '../auth/tokens';
import { problems } from '../db/schema';
import { toApiProblem, type ProblemReport, type ProblemRow } from '../db/problems';
import type { ApiProblem } from '../contract/types';
import { runWrite, type Outcome, type Writer } from './run';

/** One batch with the key's answer: a trigger refuses an unknown or another user's top-up (404), a partial unique index a second open problem. */
export function reportProblem(w: Writer & { auth: Auth }, topupId: string, report: ProblemReport): Promise<Outcome<{ problem: ApiProblem }, 201>> {
  const { db, auth } = w;
  const at = w.now.toISOString();
  const row: ProblemRow = {
    id: crypto.randomUUID(),
    userId: auth.userId,
    topupId,
    reason: report.reason,
    message: report.message ?? null,
    status: 'open',
    resolution: null,
    createdAt: at,
    updatedAt: at,
  };
  const body = { problem: toApiProblem(row) };
  return runWrite(w, async (batch) => {
    await batch([db.insert(problems).values(row)], { answer: { status: 201, body: sql`${JSON.stringify(body)}` } });
    return { status: 201, body, stored: true };
  });
}
