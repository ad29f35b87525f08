/**
 * Idempotency records. A write claims its key inside its own batch (so a key is
 * taken exactly when the effect happens), and the response is stored when known.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { idempotencyKeys } from './schema';
import type { Db } from '../app-env';
import type { IdempotencyScope } from '../middleware/idempotency';

/** The scope of a signed-in user's keys (signup's are scoped to the email instead). */
export function userScope(userId: string): string {
  return `user:${userId}`;
}

export function claimKey(db: Db, idem: IdempotencyScope, now: Date) {
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

export function storeResponse(db: Db, idem: Pick<IdempotencyScope, 'scope' | 'key'>, status: number, body: string | SQL) {
  return db
    .update(idempotencyKeys)
    .set({ state: 'done', status, response: body })
    // Only the first answer is kept: a later settlement never rewrites a stored response.
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.state, 'in_progress')));
}

export function releaseKey(db: Db, idem: Pick<IdempotencyScope, 'scope' | 'key'>) {
  return db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, idem.scope), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.state, 'in_progress')));
}

export function findKey(db: Db, scope: string, key: string) {
  return db.query.idempotencyKeys.findFirst({ where: and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)) });
}
