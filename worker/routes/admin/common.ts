/** What every operations route shares: the reason rule, the operator's writer, finding a customer's shard. */
import type { Context } from 'hono';
import * as v from 'valibot';
import { documentedAs } from '../../middleware/exchange';
import type { AppEnv } from '../../app-env';
import { createDb, type Db } from '../../db/client';
import { shardOfUser } from '../../db/admin-users';
import { shardBinding, shardIds } from '../../db/shards';
import type { Writer } from '../../writes/run';
import type { OperatorWriter } from '../../writes/operations';
import { announceAfter } from '../../middleware/announce';
import { DomainError } from '../../domain/errors';
import type { Operating } from '../../middleware/operator';

/** What the helpers read of a route's context (any route's: their validated inputs differ). */
export type OperatorContext = Pick<Context<AppEnv & Operating>, 'var' | 'env' | 'req'>;

/** Every operator write says why: 1–500 characters (API.md). */
export const Reason = v.pipe(
  v.string('Must be text'),
  v.trim(),
  v.minLength(1, 'Say why (1–500 characters)'),
  v.maxLength(500, 'At most 500 characters'),
  // Not only blanks (what the trim and the minimum say together).
  documentedAs({ pattern: String.raw`\S` }),
);
export const ReasonBody = v.object({ reason: Reason });

/** The operator's writes: no customer session to check, the key claimed in the operator's scope. */
export function operatorWriter(c: OperatorContext, db: Db): Writer {
  return { db, now: c.var.now, auth: null, claim: c.var.claim };
}

/** The operator's writer on `db` (the customer's `shard`, whose notices it announces). */
export function operatorWrite(c: OperatorContext, db: Db, shard = 0): OperatorWriter {
  return { ...operatorWriter(c, db), operator: c.var.operator, announce: (write, results) => announceAfter(c, shard, write, results) };
}

/** The customer's shard, opened for this request (404 when there is no such customer). */
export async function userShard(c: OperatorContext, userId: string): Promise<{ db: Db; shard: number }> {
  const shard = await shardOfUser(c.var.shards.directory, userId);
  const db = shard === null ? null : c.var.shards.use(shard);
  if (shard === null || !db) throw new DomainError('NOT_FOUND', 'No such customer');
  return { db, shard };
}

/** Every shard's database, outside the request's session (reads across all of them). */
export function everyShard(c: OperatorContext): { shard: number; d1: D1Database; db: Db }[] {
  return shardIds(c.env).map((shard) => {
    const d1 = shardBinding(c.env, shard)!;
    return { shard, d1, db: createDb(d1) };
  });
}

/** The shard whose `table` holds the row `id` (top-ups, adjustments, problems have no directory entry). */
export async function shardHolding(c: OperatorContext, table: 'topups' | 'adjustments' | 'problems', id: string): Promise<{ db: Db; shard: number }> {
  const found = await Promise.all(
    everyShard(c).map(async ({ shard, d1 }) => ((await d1.prepare(`SELECT 1 AS found FROM ${table} WHERE id = ?`).bind(id).first()) ? shard : null)),
  );
  const shard = found.find((s) => s !== null);
  const db = shard === undefined || shard === null ? null : c.var.shards.use(shard);
  if (shard === undefined || shard === null || !db) throw new DomainError('NOT_FOUND', 'Not found');
  return { db, shard };
}
