/**
 * The session check rides along in the handler's own batch: reads start with
 * meQuery (no row = revoked or expired), writes start with sessionAssertion (a
 * trigger aborts the batch unless the session is live). One round trip either way.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { accounts, sessionAssertions, sessions, users } from './schema';
import type { Auth, Db } from '../app-env';
import type { ApiUser } from '../domain/contract';
import { DomainError } from '../domain/errors';

export function walletId(userId: string): string {
  return `wallet:${userId}`;
}

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  verified: users.verified,
  createdAt: users.createdAt,
  balance: accounts.balance,
};

export type UserRow = { id: string; email: string; name: string; verified: boolean; createdAt: string; balance: number };

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

/** A user by id (with balance), for the end of a write batch. */
export function userQuery(db: Db, userId: string) {
  return db.select(userColumns).from(users).innerJoin(accounts, eq(accounts.id, walletId(userId))).where(eq(users.id, userId));
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

export function toApiUser(row: UserRow): ApiUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    verified: row.verified,
    balance: row.balance,
    currency: 'AED',
    created_at: row.createdAt,
  };
}
