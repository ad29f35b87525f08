/**
 * INTEGRATION POINTS of the operations console (docs/decisions/015-operations.md,
 * "Integration"). Issues 23 (notifications) and 24 (problems, account closing) are
 * built in parallel; until they are merged these say so, and the integrator wires
 * each one here. Nothing below pretends the missing parts exist. (Issue 24 is wired.)
 */
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../db/client';

type Item = BatchItem<'sqlite'>;

/**
 * INTEGRATION(issue 23): the `account_status` notification ({frozen}) goes in the
 * freeze/unfreeze batch. Return issue 23's exported statement builder here; until
 * then no notification is written.
 */
export function accountStatusNotification(_db: Db, _userId: string, _frozen: boolean, _at: string): Item[] {
  return [];
}

/**
 * INTEGRATION(issue 23): the `problem_update` notification ({problem_id, topup_id,
 * status}) goes in the batch that resolves a problem (routes/admin/problems.ts).
 */
export function problemUpdateNotification(_db: Db, _p: { userId: string; problemId: string; topupId: string; status: 'resolved' }, _at: string): Item[] {
  return [];
}

/** Open problems on one shard (the overview's count). */
export function openProblemsSql(): string {
  return `(SELECT COUNT(*) FROM problems WHERE status = 'open')`;
}

/** The SQL of "this user is closed" (users aliased `u`). */
export function closedSql(): string {
  return 'u.closed_at IS NOT NULL';
}

/**
 * INTEGRATION(issue 23): `topup_settled` for a top-up an operator settled (the
 * provider's own settlement goes through topup.ts settle(), where issue 23 hooks it).
 */
export function topupSettledNotification(_db: Db, _topup: { id: string; userId: string; status: string; failureCode: string | null }, _at: string): Item[] {
  return [];
}
