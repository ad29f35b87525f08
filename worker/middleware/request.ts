/** Request hygiene for /api: no caching, security headers, a 16 KiB body limit, cross-site writes refused. */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError } from '../domain/errors';
import type { AppEnv } from '../app-env';

export const MAX_BODY_BYTES = 16 * 1024;
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export const apiHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

export const securityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  strictTransportSecurity: 'max-age=63072000; includeSubDomains; preload',
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  crossOriginResourcePolicy: 'same-origin',
  xFrameOptions: 'DENY',
});

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new DomainError('PAYLOAD_TOO_LARGE', 'Request bodies are limited to 16 KiB');
  },
});

/** Refuses writes from other sites: the cookie is SameSite=Strict, this is the second lock. */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (WRITES.has(c.req.method)) {
    const site = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const own = new URL(c.req.url).origin;
    if ((site && site !== 'same-origin' && site !== 'none') || (origin && origin !== own)) {
      throw new DomainError('FORBIDDEN', 'Cross-site requests are not allowed');
    }
  }
  await next();
};
