/** Idempotency records live 7 days (the contract promises 24 h), login failures 1 day; bounded chunks never hold the database long. */
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyKeys, loginFailures } from '../db/schema';

export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const LOGIN_FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;
const CHUNK = 500;

export async function pruneExpired(db: Db, now: Date): Promise<{ idempotencyKeys: number; loginFailures: number }> {
  const keysBefore = new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS).toISOString();
  const old = db
    .select({ scope: idempotencyKeys.scope, key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(and(lt(idempotencyKeys.createdAt, keysBefore), eq(idempotencyKeys.state, 'done')))
    .limit(CHUNK);
  const rows = await old;
  let removedKeys = 0;
  // Composite keys: delete per scope so each statement stays well under 100 bound parameters.
  const byScope = new Map<string, string[]>();
  for (const row of rows) byScope.set(row.scope, [...(byScope.get(row.scope) ?? []), row.key]);
  for (const [scope, keys] of byScope) {
    for (let i = 0; i < keys.length; i += 90) {
      const result = await db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), inArray(idempotencyKeys.key, keys.slice(i, i + 90))));
      removedKeys += result.meta.changes;
    }
  }
  const failures = await db.delete(loginFailures).where(lt(loginFailures.at, now.getTime() - LOGIN_FAILURE_RETENTION_MS));
  return { idempotencyKeys: removedKeys, loginFailures: failures.meta.changes };
}
