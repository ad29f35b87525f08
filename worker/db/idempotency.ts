/**
 * Idempotency records: the statements. When they run is the write path's business
 * (db/write-path.ts): the claim inside the write's own batch, the answer when known.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { idempotencyKeys } from './schema';
import type { Db } from './client';

/** What a keyed request claims: its key in a scope, and what the request was (to tell a replay from a reuse). */
export type KeyClaim = { scope: string; key: string; method: string; path: string; fingerprint: string };
type KeyRef = Pick<KeyClaim, 'scope' | 'key'>;

/** The scope of a signed-in user's keys (signup's are scoped to the email instead). */
export function userScope(userId: string): string {
  return `user:${userId}`;
}

export function claimKey(db: Db, idem: KeyClaim, now: Date) {
  return db.insert(idempotencyKeys).values({
    scope: idem.scope,
    key: idem.key,
    method: idem.method,
    path: idem.path,
    fingerprint: idem.fingerprint,
    state: 'in_progress',
    createdAt: now.toISOString(),
  });
}

export function storeResponse(db: Db, idem: KeyRef, status: number, body: string | SQL) {
  return db
    .update(idempotencyKeys)
    .set({ state: 'done', status, response: body })
    // Only the first answer is kept: a later settlement never rewrites a stored response.
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.state, 'in_progress')));
}

export function releaseKey(db: Db, idem: KeyRef) {
  return db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.state, 'in_progress')));
}

export function findKey(db: Db, scope: string, key: string) {
  return db.query.idempotencyKeys.findFirst({ where: and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)) });
}
