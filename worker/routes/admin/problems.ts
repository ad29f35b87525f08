/** Problem reports (customers' own, issue 24), answered by support (API.md "Operations API"). */
import { Hono } from 'hono';
import { desc, eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { AppEnv } from '../../app-env';
import { ANSWERS, answer, describe } from '../../contract/describe';
import { AdminProblemListSchema, AdminProblemResultSchema } from '../../contract/admin-schemas';
import { insertAudit } from '../../db/audit';
import { problems } from '../../db/schema';
import { problemsQuery, toApiProblem, type ProblemRow } from '../../db/problems';
import type { Db } from '../../db/client';
import { runWrite } from '../../writes/run';
import { DomainError } from '../../domain/errors';
import { problemUpdateNotification } from '../../db/notifications';
import { announceAfter } from '../../middleware/announce';
import { idempotent, reply } from '../../middleware/idempotent';
import { logOperatorAction, operatorScope, requireRole } from '../../middleware/operator';
import { documentedAs, json, query } from '../../middleware/validate';
import { everyShard, operatorWriter, Reason, shardHolding } from './common';

/** A customer's problems, newest first. */
export async function adminProblemsOfUser(db: Db, userId: string) {
  return (await problemsQuery(db, userId)).map(toApiProblem);
}

const ListQuery = v.object({ status: v.optional(v.picklist(['open', 'resolved'], 'Must be open or resolved')) });
const ResolveBody = v.object({
  status: v.pipe(v.literal('resolved', 'Must be "resolved"'), documentedAs({ type: 'string', enum: ['resolved'] })),
  resolution: v.pipe(v.string('Must be text'), v.trim(), v.minLength(1, 'Say what was done'), v.maxLength(500, 'At most 500 characters'), documentedAs({ pattern: String.raw`\S` })),
  reason: Reason,
});

export const adminProblemRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({
      summary: 'Problem reports',
      description: '`status` filters (open or resolved); newest first, at most 100 per shard. Role: viewer.',
      tags: ['Operations'],
      signedIn: 'operator',
      ok: { 200: answer('The problems, each with its user_id', AdminProblemListSchema) },
      errors: [...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('viewer'),
    query(ListQuery),
    async (c) => {
      const { status } = c.req.valid('query');
      const pages = await Promise.all(
        everyShard(c).map(({ db }) => db.select().from(problems).where(status ? eq(problems.status, status) : undefined).orderBy(desc(problems.createdAt)).limit(100)),
      );
      const items = pages.flat().sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((row) => ({ ...toApiProblem(row), user_id: row.userId }));
      return c.json({ items }, 200);
    },
  )
  .patch(
    '/:id',
    describe({
      summary: 'Answer a problem report',
      description: 'Resolves it with the operator’s answer (`resolution`), which the customer sees; they are notified (`problem_update`). Role: support.',
      tags: ['Operations'],
      signedIn: 'operator',
      ok: { 200: answer('The problem', AdminProblemResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('support'),
    idempotent({ scope: operatorScope }),
    json(ResolveBody),
    async (c) => {
      const id = c.req.param('id');
      const body = c.req.valid('json');
      const { db, shard } = await shardHolding(c, 'problems', id);
      const at = c.var.now.toISOString();
      const [current] = await db.select().from(problems).where(eq(problems.id, id));
      if (!current) throw new DomainError('NOT_FOUND', 'No such problem');
      const notice = problemUpdateNotification(db, { userId: current.userId, problemId: id, topupId: current.topupId, status: 'resolved' }, at);
      const outcome = await runWrite(operatorWriter(c, db), async (batch) => {
        const results: readonly unknown[] = await batch([
          insertAudit(db, c.var.operator, at, {
            action: 'problem.resolve',
            target: id,
            userId: current.userId,
            reason: body.reason,
            before: sql`(SELECT json_object('status', status, 'resolution', resolution) FROM problems WHERE id = ${id})`,
            after: JSON.stringify({ status: 'resolved', resolution: body.resolution }),
          }),
          db.update(problems).set({ status: 'resolved', resolution: body.resolution, updatedAt: at }).where(eq(problems.id, id)).returning(),
          ...notice.statements,
        ] as unknown as Parameters<typeof batch>[0]);
        const row = (results[1] as ProblemRow[])[0];
        if (!row) throw new Error('problem vanished while it was resolved');
        await announceAfter(c, shard, notice, results);
        return { status: 200 as const, body: { problem: toApiProblem(row) } };
      });
      logOperatorAction(c, 'problem.resolve', id, outcome.status);
      return reply(c, outcome);
    },
  );
