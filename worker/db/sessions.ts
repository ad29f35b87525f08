/**
 * Sessions. The session check rides along in the handler's own batch: reads start
 * with meQuery (no row = revoked or expired), writes start with sessionAssertion (a
 * trigger aborts the batch unless the session is live). One round trip either way.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { accounts, sessionAssertions, sessions, users } from './schema';
import { walletId } from './ledger';
import { userColumns, type UserRow } from './users';
import type { Db } from './client';
import { type Auth, SESSION_TTL_SECONDS } from '../auth/tokens';
import { DomainError } from '../domain/errors';

/** The signed-in user (with balance), only while the session is live. */
export function meQuery(db: Db, auth: Auth, now: Date) {
  return db
    .select(userColumns)
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

/** The user row of meQuery's result, or 401 when the session is gone. */
export function liveUser(rows: UserRow[]): UserRow {
  const row = rows[0];
  if (!row) throw new DomainError('UNAUTHENTICATED', 'Your session has ended: sign in again');
  return row;
}

export function insertSession(db: Db, s: { id: string; userId: string; now: Date }) {
  const expires = new Date(s.now.getTime() + SESSION_TTL_SECONDS * 1000);
  return db.insert(sessions).values({ id: s.id, userId: s.userId, createdAt: s.now.toISOString(), expiresAt: expires.toISOString() });
}

export function revokeSession(db: Db, sessionId: string, at: string) {
  return db.update(sessions).set({ revokedAt: at }).where(eq(sessions.id, sessionId));
}
