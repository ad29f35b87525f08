/** Closing (ADR 012): one shard batch, refused by triggers while money or a pending top-up remains, scrubs the person; the ledger keeps its amounts. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { beneficiaries, idempotencyKeys, loginFailures, passkeys, pushDeliveries, pushSubscriptions, schedules, sessions, topups, users, webauthnChallenges } from '../db/schema';
import { runWrite, userScope, type Outcome, type Writer } from './run';
import { walletBalanceQuery } from '../db/ledger';
import type { Auth } from '../auth/tokens';
import { DomainError } from '../domain/errors';

/** What a closed account's email becomes: unique, not an address, never signed in with. */
export const closedEmail = (userId: string) => `closed:${userId}`;

export async function closeAccount(w: Writer & { auth: Auth }, c: { email: string; attemptId: number }): Promise<Outcome<null, 204>> {
  const { db, auth, now } = w;
  const at = now.toISOString();
  const userId = auth.userId;
  try {
    return await runWrite({ ...w, claim: null }, async (batch) => {
      await batch([
        db.update(users).set({ closedAt: at, email: closedEmail(userId), name: '', passwordHash: '' }).where(and(eq(users.id, userId), isNull(users.closedAt))),
        db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))),
        db.update(schedules).set({ status: 'paused', deletedAt: sql`COALESCE(${schedules.deletedAt}, ${at})`, updatedAt: at }).where(eq(schedules.userId, userId)),
        db.delete(passkeys).where(eq(passkeys.userId, userId)),
        db.delete(pushDeliveries).where(eq(pushDeliveries.userId, userId)),
        db.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)),
        db.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, userId)),
        db
          .update(beneficiaries)
          .set({ nickname: '', phone: '', active: false, deletedAt: sql`COALESCE(${beneficiaries.deletedAt}, ${at})`, updatedAt: at })
          .where(eq(beneficiaries.userId, userId)),
        db.update(topups).set({ phone: '' }).where(eq(topups.userId, userId)),
        // Stored answers hold names, emails and numbers; a closed account has nothing to replay.
        db.delete(idempotencyKeys).where(inArray(idempotencyKeys.scope, [userScope(userId), `runs:${userId}`, `email:${c.email}`])),
        db.delete(loginFailures).where(eq(loginFailures.email, c.email)),
      ]);
      return { status: 204, body: null };
    });
  } catch (error) {
    // Refused: the right password was not a failed sign-in.
    await db.delete(loginFailures).where(eq(loginFailures.id, c.attemptId));
    if (error instanceof DomainError && error.code === 'BALANCE_NOT_ZERO') {
      const [wallet] = await walletBalanceQuery(db, userId);
      throw new DomainError('BALANCE_NOT_ZERO', 'Withdraw the balance before closing the account', { balance: wallet?.balance ?? 0 });
    }
    throw error;
  }
}

/** The directory's half: the email is free for a new sign-up, the passkeys name nobody. */
export async function releaseFromDirectory(dir: D1Database, c: { email: string; userId: string }): Promise<void> {
  await dir.batch([
    dir.prepare(`DELETE FROM users_directory WHERE email = ? AND user_id = ?`).bind(c.email, c.userId),
    dir.prepare(`DELETE FROM passkey_credentials WHERE user_id = ?`).bind(c.userId),
  ]);
}
