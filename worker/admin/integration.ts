/**
 * What operators' changes tell the customer (API.md "Notifications (v3)"): each
 * notification is written by the batch of the change it reports (its statements go
 * there), and its pushes are queued once that batch has committed (`announceAfter`);
 * a push whose message is lost is sent by the cron's sweep.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/client';
import { notificationInsert, pushesOf, type NotificationWrite } from '../db/notifications';
import { announceOn } from '../middleware/announce';

/** `account_status` ({frozen}): in the freeze/unfreeze batch. */
export function accountStatusNotification(db: Db, userId: string, frozen: boolean, at: string): NotificationWrite {
  return notificationInsert(db, { userId, kind: 'account_status', data: { frozen }, at });
}

/** `problem_update` ({problem_id, topup_id, status}): in the batch that answers a problem. */
export function problemUpdateNotification(db: Db, p: { userId: string; problemId: string; topupId: string; status: 'resolved' }, at: string): NotificationWrite {
  return notificationInsert(db, { userId: p.userId, kind: 'problem_update', data: { problem_id: p.problemId, topup_id: p.topupId, status: p.status }, at });
}

/** `topup_settled` for a pending top-up an operator settled (as the reconciler's settlement tells it). */
export function topupSettledNotification(
  db: Db,
  topup: { id: string; userId: string; beneficiaryId: string; amount: number; status: string; failureCode: string | null },
  at: string,
): NotificationWrite {
  const status = topup.status === 'completed' ? 'completed' : 'failed';
  return notificationInsert(db, {
    userId: topup.userId,
    kind: 'topup_settled',
    data: { topup_id: topup.id, status, failure_code: topup.failureCode },
    at,
    beneficiaryId: topup.beneficiaryId,
    words: { amount: topup.amount },
  });
}

/** Queues the pushes of `write` once its batch committed; `results` are that batch's, the notice's statements last. */
export async function announceAfter(c: { env: AppEnv['Bindings'] }, shard: number, write: NotificationWrite, results: readonly unknown[]): Promise<void> {
  // An operator's context carries more variables than a customer's; announceOn reads only the bindings and the execution context.
  await announceOn(c as unknown as Context<AppEnv>, shard)(pushesOf([{ write, result: results[results.length - 1] }]));
}

/** Open problems on one shard (the overview's count). */
export function openProblemsSql(): string {
  return `(SELECT COUNT(*) FROM problems WHERE status = 'open')`;
}

/** The SQL of "this user is closed" (users aliased `u`). */
export function closedSql(): string {
  return 'u.closed_at IS NOT NULL';
}
