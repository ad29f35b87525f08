/**
 * Which database a request works on (docs/decisions/010-shards.md). A request
 * touches the directory (sign-up, sign-in) and at most one shard: a signed-in
 * request the shard its token names, opened by requireAuth (openTokenShard), so
 * routes keep using `c.var.db` as if there were one database. Every /api answer
 * carries `X-D1-Bookmark`, the state of that shard this request saw or made.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, SignedIn } from '../app-env';
import type { Auth } from '../auth/tokens';
import type { Db } from '../db/client';
import { openShard, parseBookmark, shardBinding, shardIds, type ShardSession } from '../db/shards';

export const BOOKMARK_HEADER = 'X-D1-Bookmark';
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** c.var.db before a signed-in user names a shard: any use is a bug, not a query on some database. */
const noShard = new Proxy({} as Db, {
  get() {
    throw new Error('c.var.db used by a request that is not signed in: open a shard with c.var.shards.use()');
  },
});

/** The later of two bookmarks of one shard (D1 bookmarks sort oldest to newest). */
function later(a: string | null, b: string | null): string | null {
  const pa = parseBookmark(a ?? undefined);
  const pb = parseBookmark(b ?? undefined);
  if (!pa) return pb ? b : null;
  if (!pb || pb.shard !== pa.shard) return a;
  return pb.bookmark > pa.bookmark ? b : a;
}

/**
 * `wrap` decorates every D1 binding (the benchmarks' round-trip trace). Writes open
 * their session on the primary; reads go to any replica at least as new as the
 * bookmark the client sent, or to any replica at all without one.
 */
export function shardAccess(wrap: (d1: D1Database, label: string) => D1Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sent = c.req.header(BOOKMARK_HEADER);
    const write = WRITES.has(c.req.method);
    let current: ShardSession | null = null;
    let observed: string | null = null;
    c.set('shards', {
      directory: wrap(c.env.DIRECTORY, 'directory'),
      use(shard) {
        if (current) {
          if (current.shard !== shard) throw new Error(`one request, one shard: ${current.shard} is open, ${shard} was asked for`);
          return current.db;
        }
        current = openShard(c.env, shard, { write, bookmark: sent, wrap: (d1) => wrap(d1, `shard${shard}`) });
        return current?.db ?? null;
      },
      all: () => shardIds(c.env).map((id) => wrap(shardBinding(c.env, id)!, `shard${id}`)),
      observe(bookmark) {
        observed = later(observed, bookmark);
      },
    });
    c.set('db', noShard);
    await next();
    // Nothing of a shard seen: the client's own bookmark is still the latest it knows.
    const own = (current as ShardSession | null)?.bookmark() ?? null;
    const latest = later(later(own, observed), own ? null : (sent ?? null));
    c.res.headers.set(BOOKMARK_HEADER, latest ?? '');
  };
}

/**
 * requireAuth's first step: a signed-in request works on its token's shard (false: a
 * shard this deployment lacks, no session at all). Only routes that declare
 * requireAuth open it: sign-up and the sign-ins are not requests of whoever the device
 * is signed in as, and open the shard of the user they sign in (docs/decisions/013).
 */
export function openTokenShard(c: Context<AppEnv & SignedIn>, auth: Auth): boolean {
  const db = c.var.shards.use(auth.shard);
  if (db) c.set('db', db);
  return db !== null;
}
