/** Web Push subscriptions of a signed-in user, and reading notifications. */
import type { Auth } from '../auth/tokens';
import { deleteSubscription, toApiSubscription, upsertSubscription } from '../db/push-subscriptions';
import { markRead, unreadQuery } from '../db/notifications';
import { DomainError } from '../domain/errors';
import { runWrite, type Writer } from './run';

type SignedIn = Writer & { auth: Auth };

/** The same endpoint again answers 200 with the subscription it already has. */
export function subscribe(w: SignedIn, body: { endpoint: string; keys: { p256dh: string; auth: string } }, userAgent: string | null) {
  const { db, now, auth } = w;
  const id = crypto.randomUUID();
  return runWrite(w, async (batch) => {
    const [rows] = await batch([
      upsertSubscription(db, {
        id,
        userId: auth.userId,
        endpoint: body.endpoint,
        p256dh: body.keys.p256dh,
        auth: body.keys.auth,
        sessionId: auth.sessionId,
        userAgent: userAgent,
        at: now.toISOString(),
      }),
    ]);
    const row = rows[0];
    if (!row) throw new Error('push subscription upsert returned no row');
    return { status: row.id === id ? (201 as const) : (200 as const), body: { subscription: toApiSubscription(row) } };
  });
}

export function unsubscribe(w: SignedIn, id: string) {
  const { db, auth } = w;
  return runWrite(w, async (batch) => {
    const [, removed] = await batch(deleteSubscription(db, auth.userId, id));
    if (removed.length === 0) throw new DomainError('NOT_FOUND', 'No such push subscription');
    return { status: 204 as const, body: null };
  });
}

export function markNotificationsRead(w: SignedIn, body: { all?: boolean | undefined; ids?: string[] | undefined }) {
  const { db, now, auth } = w;
  return runWrite(w, async (batch) => {
    const [, unread] = await batch([markRead(db, auth.userId, body.all ? 'all' : (body.ids ?? []), now.toISOString()), unreadQuery(db, auth.userId)]);
    return { status: 200 as const, body: { unread: unread[0]?.unread ?? 0 } };
  });
}
