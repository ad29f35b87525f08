/** A top-up's story, derived from its row and ledger (no second record to disagree with the money), and problem reports (ADR 012). */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { ledgerTransactions, problems, topups } from './schema';
import { toApiTopup, type TopupRow } from './topups';
import type { ApiProblem, ApiTimelineEvent } from '../contract/types';

export type ProblemRow = typeof problems.$inferSelect;
export type ProblemReport = { reason: ApiProblem['reason']; message?: string | undefined };

export function userTopupQuery(db: Db, userId: string, topupId: string) {
  return db.select().from(topups).where(and(eq(topups.id, topupId), eq(topups.userId, userId)));
}

export function topupLedgerQuery(db: Db, userId: string, topupId: string) {
  return db
    .select({ kind: ledgerTransactions.kind, amount: ledgerTransactions.amount, fee: ledgerTransactions.fee, createdAt: ledgerTransactions.createdAt })
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.topupId, topupId), eq(ledgerTransactions.userId, userId)))
    .orderBy(ledgerTransactions.seq);
}

type LedgerRow = Awaited<ReturnType<typeof topupLedgerQuery>>[number];

/** What happened to a top-up, oldest first: debited, sent, then completed or failed and refunded (pending ends at sent). */
export function timelineOf(topup: TopupRow, ledger: LedgerRow[]): ApiTimelineEvent[] {
  const events: ApiTimelineEvent[] = [];
  const debit = ledger.find((l) => l.kind === 'topup');
  const debitedAt = debit?.createdAt ?? topup.createdAt;
  events.push({ at: debitedAt, event: 'debited', detail: debit ? -(debit.amount - debit.fee) : topup.amount + topup.fee });
  // Handed to the provider right after the debit committed, in the same request.
  events.push({ at: debitedAt, event: 'sent', detail: null });
  const settledAt = topup.completedAt ?? debitedAt;
  if (topup.status === 'completed') events.push({ at: settledAt, event: 'completed', detail: topup.providerRef });
  if (topup.status === 'failed') events.push({ at: settledAt, event: 'failed', detail: topup.failureCode });
  for (const refund of ledger.filter((l) => l.kind === 'refund')) events.push({ at: refund.createdAt, event: 'refunded', detail: refund.amount - refund.fee });
  return events;
}

export function toApiProblem(row: ProblemRow): ApiProblem {
  return {
    id: row.id,
    topup_id: row.topupId,
    reason: row.reason,
    message: row.message,
    status: row.status,
    resolution: row.resolution,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** One problem by id (an operator's: any user's). */
export function problemByIdQuery(db: Db, id: string) {
  return db.select().from(problems).where(eq(problems.id, id));
}

/** Every user's problems on one shard, newest first (`status` filters). */
export function problemsByStatusQuery(db: Db, status: 'open' | 'resolved' | undefined, limit: number) {
  return db.select().from(problems).where(status ? eq(problems.status, status) : undefined).orderBy(desc(problems.createdAt)).limit(limit);
}

export function problemsQuery(db: Db, userId: string) {
  return db.select().from(problems).where(eq(problems.userId, userId)).orderBy(desc(problems.createdAt), desc(problems.id));
}

export { toApiTopup };
