/**
 * Who is asking. The JWT (bearer header or the __Host- cookie) is verified here
 * without a database round trip; whether its session is still live is checked
 * inside the same batch as the handler's own queries (see db/sessions.ts), so a
 * revoked token never reads or writes anything.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { tokenFrom } from '../auth/cookie';
import { verifyToken } from '../auth/tokens';
import { signingKeys } from '../env';
import { TOUCH_EVERY_MS, touchSession } from '../db/sessions';
import { DomainError } from '../domain/errors';
import type { AppEnv, SignedIn } from '../app-env';
import { openTokenShard } from './auth-shard';

export const readAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = tokenFrom(c.req.header('Authorization'), c.req.header('Cookie'));
  const claims = token ? await verifyToken(token, signingKeys(c.var.config), c.var.now) : null;
  c.set('auth', claims ?? undefined);
  await next();
};

/**
 * Declared by every signed-in route, first after its description: a valid token (its
 * shard opened) and the right user, before anything of the request is read (401, not
 * 400, without one).
 */
export const requireAuth: MiddlewareHandler<AppEnv & SignedIn> = async (c, next) => {
  const auth = c.var.auth;
  if (!auth || !openTokenShard(c, auth)) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  const claimed = c.req.header('X-TopUp-User');
  if (claimed !== undefined && claimed !== auth.userId) {
    throw new DomainError('USER_MISMATCH', 'This action belongs to another account');
  }
  await next();
};

/**
 * "Last used" for Account's session list, after the answer (never on its latency):
 * GET /api/bootstrap, which the app calls whenever it opens or syncs, reads the
 * session's last use with the user (meQuery) and calls this; it writes only when that is
 * more than a minute old, so most calls stay one round trip. Writes note it inside
 * their own batch (writes/run.ts), so no other request pays a round trip.
 */
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
    ctx = undefined; // app.request() in tests: no execution context, so the caller waits for it
  }
  if (ctx) ctx.waitUntil(touch);
  else await touch;
}
