/** The session check rides in the handler's own batch (one round trip): reads start with meQuery, writes with sessionAssertion. */
import { and, desc, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import { accounts, sessionAssertions, sessions, users } from './schema';
import { walletId } from './ledger';
import { userColumns, type UserRow } from './users';
import type { Db } from './client';
import { type Auth, SESSION_TTL_SECONDS } from '../auth/tokens';
import { DomainError } from '../domain/errors';

/** The signed-in user (with balance), only while the session is live, and when that session was last noted as used. */
export function meQuery(db: Db, auth: Auth, now: Date) {
  return db
    .select({ ...userColumns, sessionLastUsedAt: sessions.lastUsedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(accounts, eq(accounts.id, walletId(auth.userId)))
    .where(
      and(eq(sessions.id, auth.sessionId), eq(sessions.userId, auth.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString())),
    );
}

export function sessionAssertion(db: Db, auth: Auth, now: Date) {
  return db.insert(sessionAssertions).values({ sessionId: auth.sessionId, userId: auth.userId, at: now.toISOString() });
}

/** 401 when meQuery found no live session. */
export function liveUser<Row extends UserRow>(rows: Row[]): Row {
  const row = rows[0];
  if (!row) throw new DomainError('UNAUTHENTICATED', 'Your session has ended: sign in again');
  return row;
}

/** What a session remembers of how it began (Account shows it). */
export type SessionOrigin = { method?: 'password' | 'passkey'; userAgent?: string | null };

export function insertSession(db: Db, s: { id: string; userId: string; now: Date } & SessionOrigin) {
  const expires = new Date(s.now.getTime() + SESSION_TTL_SECONDS * 1000);
  const at = s.now.toISOString();
  return db.insert(sessions).values({
    id: s.id,
    userId: s.userId,
    createdAt: at,
    expiresAt: expires.toISOString(),
    method: s.method ?? 'password',
    userAgent: s.userAgent?.slice(0, 512) ?? null,
    lastUsedAt: at,
  });
}

export function revokeSession(db: Db, sessionId: string, at: string) {
  return db.update(sessions).set({ revokedAt: at }).where(eq(sessions.id, sessionId));
}

const live = (now: Date) => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now.toISOString()));

export function listLiveSessions(db: Db, userId: string, now: Date) {
  return db
    .select({ id: sessions.id, method: sessions.method, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), live(now)))
    .orderBy(desc(sessions.createdAt), sessions.id);
}

/** Ends one live session of this user; no row back = not theirs, unknown or already ended. */
export function endUserSession(db: Db, userId: string, sessionId: string, now: Date) {
  return db
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), live(now)))
    .returning({ id: sessions.id });
}

/** Ends every live session of the user but `keep` (a password change). */
export function endOtherSessions(db: Db, userId: string, keep: string, now: Date) {
  return db.update(sessions).set({ revokedAt: now.toISOString() }).where(and(eq(sessions.userId, userId), ne(sessions.id, keep), live(now)));
}

/** How stale "last used" may get. */
export const TOUCH_EVERY_MS = 60_000;

/** At most one write a minute per session, whoever notes it. */
export function touchSession(db: Db, auth: Auth, now: Date) {
  const minuteAgo = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
  return db
    .update(sessions)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(sessions.id, auth.sessionId), eq(sessions.userId, auth.userId), live(now), or(isNull(sessions.lastUsedAt), lt(sessions.lastUsedAt, minuteAgo))));
}
