/** A per-IP budget (AUTH_LIMITER, limits in wrangler.toml), before the body is read; it is approximate, so the per-account limit stays in D1. */
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors';
import { errorResponse } from './exchange';
import type { AppEnv } from '../app-env';

/** The binding's period (wrangler.toml `period = 60`): waiting this long always opens a new window. */
export const CLIENT_WINDOW_SECONDS = 60;

/** Cloudflare sets CF-Connecting-IP on every request it forwards; a request without one shares one budget. */
export const clientAddress = (header: string | undefined) => header?.trim() || 'unknown';

/** Sign-ins and sign-ups share 'auth'; passkey challenges (unauthenticated writes) get a budget of their own. */
export function perClient(budget: 'auth' | 'challenge' = 'auth'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = `${budget}:${clientAddress(c.req.header('CF-Connecting-IP'))}`;
    const { success } = await c.env.AUTH_LIMITER.limit({ key });
    if (!success) {
      c.header('Retry-After', String(CLIENT_WINDOW_SECONDS));
      return errorResponse(
        c,
        new DomainError('RATE_LIMITED', 'Too many sign-in or sign-up attempts from this address: try again later', {
          retry_after_seconds: CLIENT_WINDOW_SECONDS,
        }),
      );
    }
    await next();
  };
}
