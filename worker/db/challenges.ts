/** One-time WebAuthn challenges, taken by one DELETE … RETURNING: of two racing answers only one gets it (D1 runs one statement at a time). */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { webauthnChallenges } from './schema';
import { CHALLENGE_TTL_MS } from '../auth/webauthn';

type Purpose = 'register' | 'sign_in';

/** Stores a new challenge and sweeps a few expired ones (the table never grows past what five minutes issue). */
export function issueChallenge(db: Db, c: { challenge: string; purpose: Purpose; userId: string | null; nowMs: number }) {
  return [
    db
      .delete(webauthnChallenges)
      .where(sql`rowid IN (SELECT rowid FROM ${webauthnChallenges} WHERE ${webauthnChallenges.expiresAt} < ${c.nowMs} LIMIT 20)`),
    db.insert(webauthnChallenges).values({ challenge: c.challenge, purpose: c.purpose, userId: c.userId, expiresAt: c.nowMs + CHALLENGE_TTL_MS }),
  ] as const;
}

/** A live challenge of this purpose and user comes back once, never again; a statement, so a write takes it in its own batch. */
export function takeChallenge(db: Db, c: { challenge: string; purpose: Purpose; userId: string | null; nowMs: number }) {
  const owner = c.userId === null ? isNull(webauthnChallenges.userId) : eq(webauthnChallenges.userId, c.userId);
  return db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.challenge, c.challenge), eq(webauthnChallenges.purpose, c.purpose), owner, gt(webauthnChallenges.expiresAt, c.nowMs)))
    .returning({ challenge: webauthnChallenges.challenge });
}
