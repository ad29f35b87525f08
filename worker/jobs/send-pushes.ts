/** Pushes leave from here, never from a request (ADR 014): at least once, as a repeat shows in place of the first (same tag and Topic). */
import * as v from 'valibot';
import type { Db } from '../db/client';
import type { Config } from '../env';
import type { Deps } from '../deps';
import { deleteDeliveries, deleteSubscriptionsByIds, deliveryTargetsQuery, leaseDeliveries, notificationByIdQuery, overduePushesQuery, retryDeliveries } from '../db/push-subscriptions';
import type { NotificationRow } from '../db/notifications';
import { dirOf } from '../domain/notifications';
import { sendPush, topicOf, type PushResult, type PushTransport } from '../push/send';
import type { Announce } from '../push/queue';

export { announcer, type Announce } from '../push/queue';

/** How long a consumer holds the rows it is sending. */
const LEASE_MS = 60_000;
/** After this many attempts a push is dropped (logged). */
export const MAX_PUSH_ATTEMPTS = 8;
/** Pushes due for longer than this without being sent: the cron sends their message again. */
export const SWEEP_GRACE_MS = 5 * 60_000;
const TTL_SECONDS = 24 * 60 * 60;

export type PushVars = { config: Config; db: Db; deps: Deps };

const MessageSchema = v.object({ shard: v.pipe(v.number(), v.integer(), v.minValue(0)), notification_id: v.pipe(v.string(), v.minLength(1)) });

export type PushReport = { sent: number; gone: number; retried: number; dropped: number; messages: number };

export async function consumePushes(varsOn: (shard: number) => PushVars | null, batch: MessageBatch<unknown>, transport: PushTransport): Promise<PushReport> {
  const report: PushReport = { sent: 0, gone: 0, retried: 0, dropped: 0, messages: batch.messages.length };
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = v.safeParse(MessageSchema, message.body);
      const vars = parsed.success ? varsOn(parsed.output.shard) : null;
      if (!parsed.success || !vars) {
        console.error(JSON.stringify({ level: 'error', msg: 'dropped a malformed push message', id: message.id }));
        message.ack();
        return;
      }
      try {
        const delay = await sendNotificationPushes(vars, parsed.output.notification_id, transport, report);
        if (delay === null) message.ack();
        else message.retry({ delaySeconds: delay });
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', msg: 'push sending failed, will retry', notification: parsed.output.notification_id, error: String(error) }));
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
  return report;
}

/** Sends one notification's due pushes; returns the delay before the next try, or null when none is left to retry. */
export async function sendNotificationPushes(vars: PushVars, notificationId: string, transport: PushTransport, report: PushReport): Promise<number | null> {
  const { db, config } = vars;
  const now = vars.deps.now();
  const [leased, targets, found] = await db.batch([
    leaseDeliveries(db, notificationId, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()),
    deliveryTargetsQuery(db, notificationId),
    notificationByIdQuery(db, notificationId),
  ]);
  if (leased.length === 0) return null;
  const notification = found[0];
  const done: string[] = [];
  const gone: string[] = [];
  const retry: { id: string; delay: number }[] = [];
  await Promise.all(
    leased.map(async (row) => {
      const target = targets.find((t) => t.id === row.subscriptionId);
      // The subscription was removed meanwhile, or this deployment sends no push: nothing to send.
      if (!target || !notification || !config.push) return void done.push(row.subscriptionId);
      const result = await sendOne(vars, transport, target, notification);
      if (result.outcome === 'sent') report.sent++;
      if (result.outcome === 'gone') {
        report.gone++;
        return void gone.push(row.subscriptionId);
      }
      if (result.outcome === 'retry' && row.attempts < MAX_PUSH_ATTEMPTS) {
        report.retried++;
        return void retry.push({ id: row.subscriptionId, delay: result.retryAfterSeconds ?? Math.min(3600, 30 * 2 ** (row.attempts - 1)) });
      }
      if (result.outcome !== 'sent') {
        report.dropped++;
        console.warn(JSON.stringify({ level: 'warn', msg: 'push dropped', notification: notificationId, subscription: row.subscriptionId, status: result.status, attempts: row.attempts }));
      }
      done.push(row.subscriptionId);
    }),
  );
  const delay = retry.length > 0 ? Math.max(...retry.map((r) => r.delay)) : null;
  const statements = [
    ...(done.length > 0 ? [deleteDeliveries(db, notificationId, done)] : []),
    ...(gone.length > 0 ? deleteSubscriptionsByIds(db, gone) : []),
    ...(delay !== null ? [retryDeliveries(db, notificationId, retry.map((r) => r.id), new Date(now.getTime() + delay * 1000).toISOString())] : []),
  ];
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  return delay;
}

type Target = Awaited<ReturnType<typeof deliveryTargetsQuery>>[number];

async function sendOne(vars: PushVars, transport: PushTransport, target: Target, n: NotificationRow): Promise<PushResult> {
  const payload = { notification: { id: n.id, kind: n.kind, data: JSON.parse(n.data) as unknown, title: n.title, body: n.body, lang: n.lang, dir: dirOf(n.lang) } };
  const urgency = n.kind === 'new_sign_in' || n.kind === 'account_status' ? 'high' : 'normal';
  return sendPush(vars.config.push!, transport, target, payload, { ttl: TTL_SECONDS, topic: await topicOf(subjectOf(n)), urgency });
}

/** What a push is about: a newer push about the same thing replaces an undelivered older one. */
function subjectOf(n: NotificationRow): string {
  const data = JSON.parse(n.data) as Record<string, string | null | undefined>;
  const about = data['topup_id'] ?? data['schedule_id'] ?? data['problem_id'] ?? data['scope'] ?? '';
  return `${n.userId}:${n.kind}:${about}:${data['beneficiary_id'] ?? ''}`;
}

/** The cron's part: pushes overdue by SWEEP_GRACE_MS (a message lost after its batch, a consumer that died) are announced again. */
export async function sweepPushes(db: Db, now: Date, announce: Announce): Promise<{ swept: number }> {
  const rows = await overduePushesQuery(db, new Date(now.getTime() - SWEEP_GRACE_MS).toISOString(), 100);
  await announce(rows.map((r) => r.notificationId));
  return { swept: rows.length };
}
