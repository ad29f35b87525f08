/** Users and their wallet account: created together, read together (the balance rides along). */
import { eq } from 'drizzle-orm';
import { accounts, users } from './schema';
import { walletId } from './ledger';
import type { Db } from './client';
import type { ApiUser } from '../contract/types';
import type { Lang } from '../domain/notifications';

export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  verified: users.verified,
  createdAt: users.createdAt,
  balance: accounts.balance,
  lang: users.lang,
};

export type UserRow = { id: string; email: string; name: string; verified: boolean; createdAt: string; balance: number; lang: Lang };

export function insertUserWithWallet(db: Db, u: { id: string; email: string; name: string; passwordHash: string; at: string }) {
  return [
    db.insert(users).values({ id: u.id, email: u.email, name: u.name, passwordHash: u.passwordHash, verified: false, createdAt: u.at }),
    db.insert(accounts).values({ id: walletId(u.id), userId: u.id, kind: 'wallet', balance: 0 }),
  ] as const;
}

/** A user by id (with balance), for the end of a write batch. */
export function userQuery(db: Db, userId: string) {
  return db.select(userColumns).from(users).innerJoin(accounts, eq(accounts.id, walletId(userId))).where(eq(users.id, userId));
}

export function markVerified(db: Db, userId: string) {
  return db.update(users).set({ verified: true }).where(eq(users.id, userId));
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
    lang: row.lang,
  };
}

/** The user's language (PATCH /api/me {lang}), answered with the user as they are now. */
export function setLang(db: Db, userId: string, lang: Lang) {
  return db.update(users).set({ lang }).where(eq(users.id, userId));
}
