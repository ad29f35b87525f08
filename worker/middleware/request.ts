/**
 * Request hygiene for /api: no caching, security headers, a 16 KiB body limit,
 * cross-site writes refused, and JSON bodies parsed once (400 when malformed or of
 * another content type).
 */
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

/**
 * Every number in a request body is money (fils), so it must be written as an integer
 * literal: `1e3` or `100.0` parse to integers in JavaScript but are floats to many
 * clients' JSON libraries. Such numbers become a NonIntegerLiteral, which every schema
 * refuses: not a number, and not text either (as a string, `{"nickname": 1e3}` passed
 * as the nickname "1e3").
 */
class NonIntegerLiteral {
  constructor(readonly literal: string) {}
}
const INTEGER_LITERAL = /^-?(0|[1-9][0-9]*)$/;
function integerLiteralsOnly(_key: string, value: unknown, context?: { source?: string }): unknown {
  return typeof value === 'number' && context?.source !== undefined && !INTEGER_LITERAL.test(context.source) ? new NonIntegerLiteral(context.source) : value;
}

export const jsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WRITES.has(c.req.method)) return next();
  const text = await c.req.text();
  if (text.length === 0) {
    c.set('body', undefined);
    return next();
  }
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError('BAD_REQUEST', 'Send JSON with Content-Type: application/json');
  }
  try {
    c.set('body', JSON.parse(text, integerLiteralsOnly));
  } catch {
    throw new DomainError('BAD_REQUEST', 'The body is not valid JSON');
  }
  return next();
};
