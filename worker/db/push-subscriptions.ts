/** A user's Web Push subscriptions (one per browser endpoint) and the outbox of pushes to them (ADR 014). */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { notifications, pushDeliveries, pushSubscriptions } from './schema';
import type { Db } from './client';
import type { ApiPushSubscription } from '../contract/types';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** The same endpoint again keeps its subscription (keys and session updated); one another user had (a shared browser) becomes a new one. */
export function upsertSubscription(db: Db, s: { id: string; userId: string; endpoint: string; p256dh: string; auth: string; sessionId: string; userAgent: string | null; at: string }) {
  const same = sql`${pushSubscriptions.userId} = excluded.user_id`;
  return db
    .insert(pushSubscriptions)
    .values({ ...s, userAgent: s.userAgent?.slice(0, 512) ?? null, createdAt: s.at })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: {
        id: sql`CASE WHEN ${same} THEN ${pushSubscriptions.id} ELSE excluded.id END`,
        createdAt: sql`CASE WHEN ${same} THEN ${pushSubscriptions.createdAt} ELSE excluded.created_at END`,
        userAgent: sql`CASE WHEN ${same} THEN ${pushSubscriptions.userAgent} ELSE excluded.user_agent END`,
        userId: sql`excluded.user_id`,
        p256dh: sql`excluded.p256dh`,
        auth: sql`excluded.auth`,
        sessionId: sql`excluded.session_id`,
      },
    })
    .returning();
}

export function listSubscriptionsQuery(db: Db, userId: string) {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
}

/** The user's subscription and its pending pushes; the second statement returns the row it deleted (none: not theirs). */
export function deleteSubscription(db: Db, userId: string, id: string) {
  return [
    db.delete(pushDeliveries).where(and(eq(pushDeliveries.subscriptionId, id), eq(pushDeliveries.userId, userId))),
    db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.id, id))).returning({ id: pushSubscriptions.id }),
  ] as const;
}

/** Signing out on a device ends the subscriptions that device registered with that session. */
export function deleteSessionSubscriptions(db: Db, sessionId: string) {
  return db.delete(pushSubscriptions).where(eq(pushSubscriptions.sessionId, sessionId));
}

/** Pushes that a subscription will never take again (it is gone): dropped with it. */
export function deleteSubscriptionsByIds(db: Db, ids: string[]) {
  return [
    db.delete(pushDeliveries).where(inArray(pushDeliveries.subscriptionId, ids)),
    db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, ids)),
  ] as const;
}

/** Leases one notification's due pushes until `leaseUntil`: another consumer of the same message finds none due. */
export function leaseDeliveries(db: Db, notificationId: string, now: string, leaseUntil: string) {
  return db
    .update(pushDeliveries)
    .set({ attempts: sql`${pushDeliveries.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(and(eq(pushDeliveries.notificationId, notificationId), lte(pushDeliveries.nextAttemptAt, now)))
    .returning();
}

/** The subscriptions a notification's pushes go to (columns named once: a D1 batch maps rows by column name). */
export function deliveryTargetsQuery(db: Db, notificationId: string) {
  return db
    .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushDeliveries)
    .innerJoin(pushSubscriptions, eq(pushSubscriptions.id, pushDeliveries.subscriptionId))
    .where(eq(pushDeliveries.notificationId, notificationId));
}

export function notificationByIdQuery(db: Db, id: string) {
  return db.select().from(notifications).where(eq(notifications.id, id));
}

export function deleteDeliveries(db: Db, notificationId: string, subscriptionIds: string[]) {
  return db.delete(pushDeliveries).where(and(eq(pushDeliveries.notificationId, notificationId), inArray(pushDeliveries.subscriptionId, subscriptionIds)));
}

export function retryDeliveries(db: Db, notificationId: string, subscriptionIds: string[], at: string) {
  return db
    .update(pushDeliveries)
    .set({ nextAttemptAt: at })
    .where(and(eq(pushDeliveries.notificationId, notificationId), inArray(pushDeliveries.subscriptionId, subscriptionIds)));
}

/** Notifications with pushes overdue by the sweep's grace: their queue message was lost, or its consumer died. */
export function overduePushesQuery(db: Db, before: string, limit: number) {
  return db
    .selectDistinct({ notificationId: pushDeliveries.notificationId })
    .from(pushDeliveries)
    .where(lte(pushDeliveries.nextAttemptAt, before))
    .limit(limit);
}

export function toApiSubscription(row: PushSubscriptionRow): ApiPushSubscription {
  return { id: row.id, created_at: row.createdAt, user_agent: row.userAgent };
}
