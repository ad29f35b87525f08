/**
 * A route's exchange with the client (ADR 006): the body read once, on demand (no session is 401 before it is read),
 * validated (422 `details.fields`; unknown fields dropped), the Idempotency-Key claimed over it; out, the answer, a
 * replay, the contract's error JSON or a bare logged 500. Hono's json target lacks the integer-literal rule, so these
 * read the body themselves and carry hono-openapi's validator metadata: the document comes from the schemas that check.
 */
import type { Context, MiddlewareHandler, TypedResponse } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { JSONParsed, JSONValue } from 'hono/utils/types';
import { resolver, uniqueSymbol } from 'hono-openapi';
import * as v from 'valibot';
import { DomainError, ERROR_TEXT } from '../domain/errors';
import { documentedAs } from '../contract/documented';
import { ref } from '../contract/components';
import { hmacKey } from '../auth/keys';
import { refusalFrom, userScope, type KeyClaim, type Outcome } from '../writes/run';
import type { Config } from '../env';
import type { AppEnv } from '../app-env';
export { documentedAs };

/** Body numbers are fils: `1e3` or `100.0` are integers to JavaScript, floats to many clients; as this class (not text) every schema refuses them. */
class NonIntegerLiteral {
  constructor(readonly literal: string) {}
}
const INTEGER_LITERAL = /^-?(0|[1-9][0-9]*)$/;
function integerLiteralsOnly(_key: string, value: unknown, context?: { source?: string }): unknown {
  return typeof value === 'number' && context?.source !== undefined && !INTEGER_LITERAL.test(context.source) ? new NonIntegerLiteral(context.source) : value;
}

/** undefined when the request had no body. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  if (c.var.json) return c.var.json.value;
  const text = await c.req.text();
  let value: unknown;
  if (text.length > 0) {
    const type = c.req.header('Content-Type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new DomainError('BAD_REQUEST', 'Send JSON with Content-Type: application/json');
    }
    try {
      value = JSON.parse(text, integerLiteralsOnly);
    } catch {
      throw new DomainError('BAD_REQUEST', 'The body is not valid JSON');
    }
  }
  c.set('json', { value });
  return value;
}

/** `{…}` as JSON.parse makes it: not an array, a number, text, null, or a NonIntegerLiteral. */
const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** For a write that takes no body: one sent anyway must still be JSON. */
export const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  await readJson(c);
  await next();
};

type Schema = v.GenericSchema;
type Validated<T extends 'json' | 'query', S extends Schema> = {
  in: { [K in T]: v.InferInput<S> };
  out: { [K in T]: v.InferOutput<S> };
};

export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path?.map((item) => String(item.key)).join('.') || 'body';
    fields[name] ??= issue.message;
  }
  return fields;
}

// Request schemas are objects, so their output is one (what addValidatedData takes).
function check(schema: Schema, input: unknown, message: string): object {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new DomainError('VALIDATION_FAILED', message, { fields: fieldErrors(result.issues) });
  return result.output as object;
}

/** Marks a middleware as hono-openapi's validator of `target` with `schema`. */
function documented<M extends MiddlewareHandler>(middleware: M, target: 'json' | 'query', schema: Schema): M {
  return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } });
}

/** A body schema built once per configuration (the top-up amounts); `documentedAs` is what the OpenAPI document shows. */
export function jsonFor<S extends Schema>(build: (config: Config) => S, documentedAs: S): MiddlewareHandler<AppEnv, string, Validated<'json', S>> {
  const built = new WeakMap<Config, S>();
  const schemaFor = (config: Config): S => {
    let schema = built.get(config);
    if (!schema) built.set(config, (schema = build(config)));
    return schema;
  };
  const middleware: MiddlewareHandler<AppEnv, string, Validated<'json', S>> = async (c, next) => {
    const body = await readJson(c);
    if (body === undefined) throw new DomainError('BAD_REQUEST', 'This request needs a JSON body');
    // valibot's v.object takes arrays (and a NonIntegerLiteral) for objects.
    if (!isJsonObject(body)) throw new DomainError('VALIDATION_FAILED', 'The body must be a JSON object', { fields: { body: 'Must be a JSON object' } });
    c.req.addValidatedData('json', check(schemaFor(c.var.config), body, 'Some fields are not valid'));
    await next();
  };
  return documented(middleware, 'json', documentedAs);
}

export function json<S extends Schema>(schema: S): MiddlewareHandler<AppEnv, string, Validated<'json', S>> {
  return jsonFor(() => schema, schema);
}

/** The first value of each name. */
export function query<S extends Schema>(schema: S): MiddlewareHandler<AppEnv, string, Validated<'query', S>> {
  const middleware: MiddlewareHandler<AppEnv, string, Validated<'query', S>> = async (c, next) => {
    c.req.addValidatedData('query', check(schema, c.req.query(), 'Some query parameters are not valid'));
    await next();
  };
  return documented(middleware, 'query', schema);
}

/** Trimmed, then non-empty and free of control characters (`forbidden`: a class body). */
export function trimmedTextPattern(forbidden = String.raw`\p{Cc}`): string {
  return String.raw`^\s*[^\s${forbidden}](?:[^${forbidden}]*[^\s${forbidden}])?\s*$`;
}

/** valibot's v.email(), after the routes' trim and lower-casing (K: the Kelvin sign lower-cases to k). */
export const EMAIL_PATTERN = String.raw`^\s*[\w+\u212A-]+(?:\.[\w+\u212A-]+)*@[\da-zA-Z\u212A]+(?:[.-][\da-zA-Z\u212A]+)*\.[a-zA-Z\u212A]{2,}\s*$`;

/** valibot's v.isoTimestamp(). */
export const ISO_TIMESTAMP_PATTERN = String.raw`^\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|0[1-9]|3[01])[T ](?:0\d|1\d|2[0-3])(?::[0-5]\d){2}(?:\.\d{1,9})?(?:Z| ?[+-](?:0\d|1\d|2[0-3])(?::?[0-5]\d)?)$`;

/** At most `max` UTF-16 units: a cheap outer bound. */
export const boundedString = (max: number, message = 'Must be text') =>
  v.pipe(v.string(message), v.maxLength(max, `Must be at most ${max} characters`));

/** Any JSON object (a WebAuthn response): v.looseObject would also take an array. */
export const jsonObject = (message: string) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isJsonObject, message),
    documentedAs({ type: 'object' }),
  );

export const fils = (message = 'Must be an integer number of fils') =>
  v.pipe(v.number(message), v.integer(message), v.check((n) => !Object.is(n, -0), message));

export const uuid = v.pipe(v.string('Must be a UUID'), v.uuid('Must be a UUID'), documentedAs({ pattern: String.raw`^[\da-fA-F]{8}(?:-[\da-fA-F]{4}){3}-[\da-fA-F]{12}$` }));

/** `limit` (1–100, default 20) and an opaque `cursor`. */
export const pageQuery = v.object({
  limit: v.pipe(
    v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'Must be an integer from 1 to 100'), v.transform(Number), v.minValue(1, 'Must be an integer from 1 to 100'), v.maxValue(100, 'Must be an integer from 1 to 100')),
      '20',
    ),
    documentedAs({ type: 'integer', minimum: 1, maximum: 100, pattern: undefined, default: 20 }),
  ),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'Not a valid cursor'), v.transform(Number))),
});

const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/** Sorted keys, so the same body in another key order is the same request. */
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

/** Whose keys these are (null: no idempotency). */
type ScopeOf = (c: Context<AppEnv>, body: unknown) => string | null;
const signedInUser: ScopeOf = (c) => (c.var.auth ? userScope(c.var.auth.userId) : null);

/** Signup's keys belong to the email being signed up: no user exists yet. */
export const emailScope: ScopeOf = (_c, body) => {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : null;
};

type Claimed<Required extends boolean> = { Variables: { claim: Required extends true ? KeyClaim : KeyClaim | null } };

/** `required`: the write moves money, so no key is 400. The body is read first (400 when not JSON), key or not. */
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
  // The document learns of the header from the middleware that reads it (described once, contract/components.ts).
  const parameter = { $ref: options.required ? ref.idempotencyKeyRequired : ref.idempotencyKey };
  Object.assign(middleware, { [uniqueSymbol]: { spec: { parameters: [parameter] } } });
  // With `required`, a request without a claim never reaches the handler.
  return middleware as MiddlewareHandler<AppEnv & Claimed<Required>>;
}

/** A replay is the stored text as is, with `Idempotent-Replayed: true`: byte for byte the first answer. */
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

export function errorResponse(c: Context, error: DomainError): Response {
  c.header('Cache-Control', 'no-store');
  const retry = error.details?.retry_after_seconds;
  if (error.code === 'RATE_LIMITED' && typeof retry === 'number') c.header('Retry-After', String(retry));
  return c.json(error.toBody(), error.status);
}

export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof DomainError) return errorResponse(c, error);
  if (error instanceof HTTPException && error.status === 413) {
    return errorResponse(c, new DomainError('PAYLOAD_TOO_LARGE', 'Request bodies are limited to 16 KiB'));
  }
  if (error instanceof HTTPException && error.status < 500) {
    return errorResponse(c, new DomainError('BAD_REQUEST', ERROR_TEXT.BAD_REQUEST));
  }
  const refusal = refusalFrom(error);
  if (refusal) return errorResponse(c, refusal);
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'unhandled error',
      request_id: c.var.requestId ?? null,
      version: c.env?.APP_VERSION ?? null,
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      detail: error.message,
    }),
  );
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong' } }, 500);
}

export function onNotFound(c: Context<AppEnv>): Response {
  return errorResponse(c, new DomainError('NOT_FOUND', 'No such route'));
}
