/** Who is asking and which shard they work on (ADR 010): the JWT is verified here, its session's liveness in the handler's own batch. */
import type { Context, MiddlewareHandler } from 'hono';
import { tokenFrom } from '../auth/cookie';
import { verifyToken } from '../auth/tokens';
import { signingKeys } from '../env';
import { TOUCH_EVERY_MS, touchSession } from '../db/sessions';
import type { Db } from '../db/client';
import { openShard, parseBookmark, shardBinding, shardIds, type ShardSession } from '../db/shards';
import { DomainError } from '../domain/errors';
import type { AppEnv, SignedIn } from '../app-env';

/** The state of its shard a request saw or made, on every /api answer. */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

// Before a signed-in user names a shard, any use of c.var.db is a bug, not a query on some database.
const noShard = new Proxy({} as Db, {
  get() {
    throw new Error('c.var.db used by a request that is not signed in: open a shard with c.var.shards.use()');
  },
});

/** D1 bookmarks of one shard sort oldest to newest. */
function later(a: string | null, b: string | null): string | null {
  const pa = parseBookmark(a ?? undefined);
  const pb = parseBookmark(b ?? undefined);
  if (!pa) return pb ? b : null;
  if (!pb || pb.shard !== pa.shard) return a;
  return pb.bookmark > pa.bookmark ? b : a;
}

/** `wrap` decorates every D1 binding (the benchmarks' trace). Writes start on the primary; reads on a replica as new as the bookmark. */
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

export const readAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = tokenFrom(c.req.header('Authorization'), c.req.header('Cookie'));
  const claims = token ? await verifyToken(token, signingKeys(c.var.config), c.var.now) : null;
  c.set('auth', claims ?? undefined);
  await next();
};

/** Declared first by every signed-in route: no session is 401 before anything is read. Only these routes open the token's shard. */
export const requireAuth: MiddlewareHandler<AppEnv & SignedIn> = async (c, next) => {
  const auth = c.var.auth;
  const db = auth ? c.var.shards.use(auth.shard) : null;
  if (!auth || !db) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  c.set('db', db);
  const claimed = c.req.header('X-TopUp-User');
  if (claimed !== undefined && claimed !== auth.userId) {
    throw new DomainError('USER_MISMATCH', 'This action belongs to another account');
  }
  await next();
};

/** "Last used" for reads (bootstrap), at most once a minute and after the answer, so they stay one round trip; writes note it in their batch. */
export async function noteSessionUse(c: Context<AppEnv & SignedIn>, lastUsedAt: string | null | undefined): Promise<void> {
  const { now, auth, db } = c.var;
  if (lastUsedAt && now.getTime() - Date.parse(lastUsedAt) < TOUCH_EVERY_MS) return;
  const touch = touchSession(db, auth, now).then(
    () => undefined,
    () => undefined,
  );
  let ctx: { waitUntil(p: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined; // app.request() in tests has no execution context: the caller waits instead
  }
  if (ctx) ctx.waitUntil(touch);
  else await touch;
}
