/** Writes to the account itself: sign-up, sign-out, identity verification, language. */
import { insertSession, liveUser, revokeSession, type SessionOrigin } from '../db/sessions';
import { insertUserWithWallet, markVerified, setLang, toApiUser, userQuery, type UserRow } from '../db/users';
import { deleteSessionSubscriptions } from '../db/push-subscriptions';
import type { Lang } from '../domain/notifications';
import { runWrite, type Outcome, type Writer } from './run';
import type { Auth } from '../auth/tokens';
import type { ApiUser } from '../contract/types';

/** `id`: the user id the directory reserved for this email (db/directory.ts). */
type NewUser = { id: string; email: string; name: string; passwordHash: string } & SessionOrigin;

/** A new user, wallet and session. The key's answer is `{user}` only: a replay gets a new session, never the first token. */
export async function signUp(w: Omit<Writer, 'auth'>, u: NewUser): Promise<{ row: UserRow; sessionId: string; replayed: boolean }> {
  const { db, now } = w;
  const userId = u.id;
  const sessionId = crypto.randomUUID();
  // No session check: whoever signs up is not signed in as anyone yet.
  let created: UserRow | undefined;
  const outcome = await runWrite({ ...w, auth: null }, async (batch) => {
    const [, , , me] = await batch([
      ...insertUserWithWallet(db, { id: userId, email: u.email, name: u.name, passwordHash: u.passwordHash, at: now.toISOString() }),
      insertSession(db, { id: sessionId, userId, now, userAgent: u.userAgent }),
      userQuery(db, userId),
    ]);
    created = liveUser(me);
    return { status: 201 as const, body: { user: toApiUser(created) } };
  });
  if (!outcome.replayed) {
    if (!created) throw new Error('sign-up answered without its user');
    return { row: created, sessionId, replayed: false };
  }
  const { user } = JSON.parse(outcome.text) as { user: ApiUser };
  const replaySession = crypto.randomUUID();
  const [, me] = await db.batch([insertSession(db, { id: replaySession, userId: user.id, now, userAgent: u.userAgent }), userQuery(db, user.id)]);
  return { row: liveUser(me), sessionId: replaySession, replayed: true };
}

export function signOut(w: Writer & { auth: Auth }): Promise<Outcome<null, 204>> {
  // A frozen user may still sign out.
  return runWrite({ ...w, frozenOk: true }, async (batch) => {
    // The subscriptions this device registered with this session end with it (ending a session from elsewhere keeps them).
    await batch([revokeSession(w.db, w.auth.sessionId, w.now.toISOString()), deleteSessionSubscriptions(w.db, w.auth.sessionId)]);
    return { status: 204, body: null };
  });
}

export function verifyIdentity(w: Writer & { auth: Auth }): Promise<Outcome<{ user: ApiUser }, 200>> {
  const { db, auth } = w;
  return runWrite(w, async (batch) => {
    const [, me] = await batch([markVerified(db, auth.userId), userQuery(db, auth.userId)]);
    return { status: 200, body: { user: toApiUser(liveUser(me)) } };
  });
}

export function changeLang(w: Writer & { auth: Auth }, lang: Lang): Promise<Outcome<{ user: ApiUser }, 200>> {
  const { db, auth } = w;
  return runWrite(w, async (batch) => {
    const [, me] = await batch([setLang(db, auth.userId, lang), userQuery(db, auth.userId)]);
    return { status: 200, body: { user: toApiUser(liveUser(me)) } };
  });
}
