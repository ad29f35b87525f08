import { eq } from 'drizzle-orm';
import { accounts, sessions, users } from './schema';
import { walletId } from './session';
import type { Db } from '../app-env';
import { SESSION_TTL_SECONDS } from '../auth/tokens';

export function insertUserWithWallet(db: Db, u: { id: string; email: string; name: string; passwordHash: string; at: string }) {
  return [
    db.insert(users).values({ id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash, verified: false, createdAt: u.at }),
    db.insert(accounts).values({ id: walletId(u.id), userId: u.id, kind: 'wallet', balance: 0 }),
  ] as const;
}

export function insertSession(db: Db, s: { id: string; userId: string; now: Date }) {
  const expires = new Date(s.now.getTime() + SESSION_TTL_SECONDS * 1000);
  return db.insert(sessions).values({ id: s.id, userId: s.userId, createdAt: s.now.toISOString(), expiresAt: expires.toISOString() });
}

export function revokeSession(db: Db, sessionId: string, at: string) {
  return db.update(sessions).set({ revokedAt: at }).where(eq(sessions.id, sessionId));
}

export function markVerified(db: Db, userId: string) {
  return db.update(users).set({ verified: true }).where(eq(users.id, userId));
}
