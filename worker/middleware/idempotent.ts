/**
 * Declared by every write that accepts an Idempotency-Key (docs/decisions/004 and
 * 006). This middleware only works out what the request claims: the key, its scope,
 * and a fingerprint of method, path and body. When the claim is taken, stored,
 * released or replayed is the write path's business (writes/run.ts); `reply`
 * turns its outcome into the HTTP answer.
 */
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import { uniqueSymbol } from 'hono-openapi';
import type { JSONParsed, JSONValue } from 'hono/utils/types';
import { DomainError } from '../domain/errors';
import { userScope, type KeyClaim, type Outcome } from '../writes/run';
import type { AppEnv } from '../app-env';
import { hmacKey } from '../auth/keys';
import { readJson } from './validate';
import { ref } from '../contract/components';

const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

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

/** Whose keys these are: the signed-in user's, unless the route says otherwise (null: no idempotency). */
type ScopeOf = (c: Context<AppEnv>, body: unknown) => string | null;
const signedInUser: ScopeOf = (c) => (c.var.auth ? userScope(c.var.auth.userId) : null);

/** Signup's keys belong to the email being signed up (no user exists yet). */
export const emailScope: ScopeOf = (_c, body) => {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : null;
};

type Claimed<Required extends boolean> = { Variables: { claim: Required extends true ? KeyClaim : KeyClaim | null } };

/**
 * `required`: the write moves money, a request without a key is 400 BAD_REQUEST.
 * The body is read first (400 when it is not JSON), whether or not a key came with it.
 */
export function idempotent<Required extends boolean = false>(
  options: { required?: Required; scope?: ScopeOf } = {},
): MiddlewareHandler<AppEnv & Claimed<Required>> {
  const scopeOf = options.scope ?? signedInUser;
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const body = await readJson(c);
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !KEY_PATTERN.test(key)) throw new DomainError('BAD_REQUEST', 'Idempotency-Key must be 1–255 printable ASCII characters');
    const scope = key === undefined ? null : scopeOf(c, body);
    if (key === undefined || scope === null) {
      if (options.required) throw new DomainError('BAD_REQUEST', 'This request needs an Idempotency-Key header');
      c.set('claim', null);
      return next();
    }
    const { method, path } = c.req;
    c.set('claim', { scope, key, method, path, fingerprint: await fingerprint(c.var.config.pepper, method, path, body) });
    await next();
  };
  // The OpenAPI document learns about the header from the middleware that reads it; the header itself
  // is described once, as a component (contract/components.ts).
  const parameter = { $ref: options.required ? ref.idempotencyKeyRequired : ref.idempotencyKey };
  Object.assign(middleware, { [uniqueSymbol]: { spec: { parameters: [parameter] } } });
  // With `required`, a request without a claim never reaches the handler: its claim is a KeyClaim.
  return middleware as MiddlewareHandler<AppEnv & Claimed<Required>>;
}

/**
 * The HTTP answer of a write's outcome: its JSON, or the first answer again with
 * `Idempotent-Replayed: true` (the stored text as is, so a replay is byte-for-byte
 * the first answer, which had the same type).
 */
export function reply<B, S extends 200 | 201>(c: Context, outcome: Outcome<B, S>): Response & TypedResponse<JSONParsed<B>, S, 'json'>;
export function reply(c: Context, outcome: Outcome<null, 204>): Response & TypedResponse<null, 204, 'body'>;
export function reply(c: Context, outcome: Outcome<unknown>): Response {
  if (outcome.replayed) {
    const headers = { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' };
    return new Response(outcome.status === 204 ? null : outcome.text, { status: outcome.status, headers });
  }
  if (outcome.status === 204) return c.body(null, 204);
  return c.json(outcome.body as JSONValue, outcome.status);
}
