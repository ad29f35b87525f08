/**
 * Idempotency-Key handling for every POST, PATCH and DELETE (see
 * docs/decisions/004-idempotency.md). The key is claimed inside the handler's own
 * write batch (db/batch.ts), so it is taken exactly when the effect happens:
 * - a 2xx response is stored and replayed for the same key + request;
 * - a 4xx stores nothing (the claim rolled back with the batch, or is released);
 * - a 5xx keeps the claim: the effect may have happened, a retry must not repeat it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors';
import { findKey, releaseKey, storeResponse, userScope } from '../db/idempotency';
import type { AppEnv } from '../app-env';
import { hmacKey } from '../auth/keys';

export type IdempotencyScope = {
  scope: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  /** Set once the claim is committed (the write batch succeeded). */
  claimed: boolean;
  /** Set when the handler stored the response in its own batch. */
  stored: boolean;
};

const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;
const UNSCOPED = new Set(['/api/auth/login', '/api/auth/logout', '/api/sync']);

/** Sorted-key JSON, so the same body in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Keyed with the pepper: a signup body holds a password, its fingerprint must not be crackable.
async function fingerprint(pepper: Uint8Array<ArrayBuffer>, method: string, path: string, body: unknown): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(pepper), new TextEncoder().encode(`${method}\n${path}\n${canonicalJson(body ?? null)}`));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function scopeOf(c: Context<AppEnv>): string | null {
  if (c.req.path === '/api/auth/signup') {
    const email = (c.var.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : null;
  }
  return c.var.auth ? userScope(c.var.auth.userId) : null;
}

export function requireIdempotencyKey(c: Context<AppEnv>): IdempotencyScope {
  if (!c.var.idem) throw new DomainError('BAD_REQUEST', 'This request needs an Idempotency-Key header');
  return c.var.idem;
}

/** Raised by a write batch whose claim hit an existing key: answer from the stored record. */
export async function answerExistingKey(c: Context<AppEnv>, idem: IdempotencyScope): Promise<Response> {
  const record = await findKey(c.var.db, idem.scope, idem.key);
  if (!record) throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'This request is still being processed: retry shortly');
  if (record.method !== idem.method || record.path !== idem.path || record.fingerprint !== idem.fingerprint) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
  }
  if (record.state !== 'done' || record.status === null) {
    throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'This request is still being processed: retry shortly');
  }
  idem.stored = true;
  const replay = replayers.get(idem.path);
  if (replay) return replay(c, record.status, record.response ?? '');
  return new Response(record.status === 204 ? null : record.response, {
    status: record.status,
    headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
  });
}

type Replayer = (c: Context<AppEnv>, status: number, stored: string) => Promise<Response>;
type Redactor = (body: string) => string;
const replayers = new Map<string, Replayer>();
const redactors = new Map<string, Redactor>();

/** For responses that carry a credential: store them without it and rebuild it on replay. */
export function registerReplay(path: string, redact: Redactor, replay: Replayer): void {
  redactors.set(path, redact);
  replayers.set(path, replay);
}

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined || c.req.method === 'GET' || UNSCOPED.has(c.req.path)) return next();
  if (!KEY_PATTERN.test(key)) throw new DomainError('BAD_REQUEST', 'Idempotency-Key must be 1–255 printable ASCII characters');
  const scope = scopeOf(c);
  if (!scope) return next();
  const idem: IdempotencyScope = {
    scope,
    key,
    method: c.req.method,
    path: c.req.path,
    fingerprint: await fingerprint(c.var.config.pepper, c.req.method, c.req.path, c.var.body),
    claimed: false,
    stored: false,
  };
  c.set('idem', idem);
  await next();
  if (!idem.claimed || idem.stored) return;
  const status = c.res.status;
  if (status >= 200 && status < 300) {
    const text = status === 204 ? '' : await c.res.clone().text();
    const redact = redactors.get(idem.path);
    await storeResponse(c.var.db, idem, status, redact ? redact(text) : text);
  } else if (status < 500) {
    await releaseKey(c.var.db, idem);
  }
};
