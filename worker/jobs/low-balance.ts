/** Warns of a run due within 24 h that the wallet cannot pay, once per period; each insert re-checks balance and schedule in its batch. */
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, notifications, schedules } from '../db/schema';
import { notificationInsert, pushesOf, type NotificationWrite } from '../db/notifications';
import type { Announce } from '../push/queue';

const WINDOW_MS = 24 * 60 * 60 * 1000;
const SCAN = 500;
/** Candidates per batch (two statements each). */
const CHUNK = 20;

export const lowBalanceKey = (scheduleId: string, nextRunAt: string) => `low_balance:${scheduleId}:${nextRunAt}`;

export async function warnLowBalances(db: Db, now: Date, fee: number, announce: Announce): Promise<{ candidates: number; notified: number }> {
  const from = now.toISOString();
  const to = new Date(now.getTime() + WINDOW_MS).toISOString();
  const candidates = await db
    .select({ id: schedules.id, userId: schedules.userId, beneficiaryId: schedules.beneficiaryId, amount: schedules.amount, nextRunAt: schedules.nextRunAt })
    .from(schedules)
    .innerJoin(accounts, and(eq(accounts.userId, schedules.userId), eq(accounts.kind, 'wallet')))
    .where(
      and(
        // Literal terms, as in the partial index schedules_due.
        sql`${schedules.status} = 'active' AND ${schedules.deletedAt} IS NULL`,
        gt(schedules.nextRunAt, from),
        lte(schedules.nextRunAt, to),
        sql`${accounts.balance} < ${schedules.amount} + ${fee}`,
        sql`NOT EXISTS (SELECT 1 FROM ${notifications} n WHERE n.user_id = ${schedules.userId} AND n.dedupe_key = 'low_balance:' || ${schedules.id} || ':' || ${schedules.nextRunAt})`,
      ),
    )
    .limit(SCAN);
  let notified = 0;
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const writes: NotificationWrite[] = candidates.slice(i, i + CHUNK).map((s) => {
      const needed = s.amount + fee;
      return notificationInsert(db, {
        userId: s.userId,
        kind: 'low_balance',
        data: { schedule_id: s.id, next_run_at: s.nextRunAt, needed },
        at: from,
        dedupeKey: lowBalanceKey(s.id, s.nextRunAt),
        beneficiaryId: s.beneficiaryId,
        when: sql`(SELECT balance FROM accounts WHERE user_id = ${s.userId} AND kind = 'wallet') < ${needed}
          AND EXISTS (SELECT 1 FROM schedules WHERE id = ${s.id} AND status = 'active' AND deleted_at IS NULL AND next_run_at = ${s.nextRunAt} AND amount = ${s.amount})`,
      });
    });
    const statements = writes.flatMap((w) => w.statements);
    const results = await db.batch(statements as unknown as [(typeof statements)[number], ...typeof statements]);
    notified += writes.filter((_, k) => ((results[2 * k] as { meta?: { changes?: number } }).meta?.changes ?? 0) > 0).length;
    await announce(pushesOf(writes.map((write, k) => ({ write, result: results[2 * k + 1] }))));
  }
  return { candidates: candidates.length, notified };
}
