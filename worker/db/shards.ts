/** The shards (ADR 010): a request uses at most one, through a D1 Sessions API session so its reads can come from a replica. */
import type { Env } from '../env';
import { createDb, type Db } from './client';

export function shardIds(env: Env): number[] {
  return Object.keys(env)
    .map((name) => /^SHARD_(\d+)$/.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function shardBinding(env: Env, shard: number): D1Database | null {
  return (Number.isSafeInteger(shard) && shard >= 0 && env[`SHARD_${shard}`]) || null;
}

/** `<shard>:<D1 bookmark>`: the prefix keeps a bookmark of another shard (a switched account's) from constraining this one. */
export function parseBookmark(header: string | undefined): { shard: number; bookmark: string } | null {
  // D1's own bookmark shape (e.g. 00000000-00000006-00000000-000…000); anything else is ignored, never sent to D1.
  const match = /^(\d{1,4}):([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32})$/.exec(header ?? '');
  return match ? { shard: Number(match[1]), bookmark: match[2]! } : null;
}

export type ShardSession = { shard: number; db: Db; bookmark: () => string | null };

/** Opens one shard's session for a request; `write` sends it to the primary. */
export function openShard(
  env: Env,
  shard: number,
  options: { write: boolean; bookmark: string | undefined; wrap?: (d1: D1Database) => D1Database },
): ShardSession | null {
  const binding = shardBinding(env, shard);
  if (!binding) return null;
  const sent = parseBookmark(options.bookmark);
  // A bookmark is honoured for reads and writes alike: the primary is always at least that new.
  const start = sent && sent.shard === shard ? sent.bookmark : options.write ? 'first-primary' : 'first-unconstrained';
  const session = binding.withSession(start);
  // Drizzle needs prepare and batch only, which a session has (STACK.md: D1).
  const d1 = session as unknown as D1Database;
  return {
    shard,
    db: createDb(options.wrap ? options.wrap(d1) : d1),
    bookmark: () => {
      const latest = session.getBookmark();
      return latest ? `${shard}:${latest}` : null;
    },
  };
}

/** A request's data access (c.var.shards, set by middleware/session.ts). */
export type RequestShards = {
  /** The directory database (every statement a round trip of its own, see db/directory.ts). */
  directory: D1Database;
  /** This request's one shard session, opened on first use (null: no such shard here). */
  use: (shard: number) => Db | null;
  /** Every shard's binding, outside any session: for the health check only. */
  all: () => D1Database[];
  /** A bookmark a sub-request answered with (POST /api/sync dispatches its actions through the app). */
  observe: (bookmark: string | null) => void;
};
