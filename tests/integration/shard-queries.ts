/**
 * Reading the shards from a test (docs/decisions/010-shards.md). A test that looks
 * at rows directly asks the shard that holds them: the user's (via the directory),
 * the one shard holding a row, or the sum over every shard for a count.
 */
import { env } from 'cloudflare:test';
import { shardBinding, shardIds } from '../../worker/db/shards';

/** Every shard database of the test environment (two, as `npm start` runs). */
export function allShards(): D1Database[] {
  return shardIds(env).map((id) => shardBinding(env, id)!);
}

/** The shard a user was placed on, as the directory says. */
export async function shardIdOf(userId: string): Promise<number> {
  const row = await env.DIRECTORY.prepare(`SELECT shard FROM users_directory WHERE user_id = ?`).bind(userId).first<{ shard: number }>();
  if (!row) throw new Error(`no directory row for user ${userId}`);
  return row.shard;
}

/** The database that holds a user's rows. */
export async function userDb(userId: string): Promise<D1Database> {
  return shardBinding(env, await shardIdOf(userId))!;
}

/** The one row a query finds on any shard (null when none has it; two shards with it is a bug). */
export async function shardRow<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T | null> {
  const rows = (await Promise.all(allShards().map((d1) => d1.prepare(query).bind(...params).first<T>()))).filter((r) => r !== null);
  if (rows.length > 1) throw new Error(`rows on ${rows.length} shards for: ${query}`);
  return rows[0] ?? null;
}

/** Every row a query finds, over all shards. */
export async function shardRows<T = Record<string, unknown>>(query: string, ...params: unknown[]): Promise<T[]> {
  return (await Promise.all(allShards().map((d1) => d1.prepare(query).bind(...params).all<T>()))).flatMap((r) => r.results);
}

/** A one-row aggregate (`COUNT(*) AS n`, `SUM(x) AS used`) summed over every shard: null only when null everywhere. */
export async function shardSum<T extends Record<string, number | null>>(query: string, ...params: unknown[]): Promise<T> {
  const rows = await shardRows<T>(query, ...params);
  const total: Record<string, number | null> = {};
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) total[column] = value === null ? (total[column] ?? null) : (total[column] ?? 0) + value;
  }
  return total as T;
}
