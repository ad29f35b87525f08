/** One JSON line per request and an `X-Request-Id` header: only the fields below, never bodies, tokens, passwords or phone numbers. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../app-env';

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

async function userHash(userId: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`topup-user:${userId}`));
  return [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const incoming = c.req.header('X-Request-Id') ?? c.req.header('CF-Ray') ?? '';
  const requestId = REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set('requestId', requestId);
  await next();
  c.res.headers.set('X-Request-Id', requestId);
  // A 5xx is always logged (with the Worker's version); the rest unless REQUEST_LOG=off.
  if (c.env.REQUEST_LOG === 'off' && c.res.status < 500) return;
  const auth = c.var.auth;
  console.log(
    JSON.stringify({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      request_id: requestId,
      method: c.req.method,
      route: routePath(c, -1) || c.req.path,
      status: c.res.status,
      duration_ms: Date.now() - started,
      version: c.env.APP_VERSION ?? null,
      user: auth ? await userHash(auth.userId) : null,
      operator: c.var.operator?.email ?? null,
    }),
  );
};
