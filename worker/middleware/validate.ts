/**
 * A request's input, checked at the boundary by the route's own middleware.
 * - The JSON body of a write is read once, on demand (readJson), so a request without
 *   a session is refused (401) before its body is read: 400 BAD_REQUEST when it is
 *   malformed or of another content type.
 * - Bodies and queries are checked with valibot, and the parsed types flow into the
 *   handler (`c.req.valid('json')`) and into AppType. A missing body is 400
 *   BAD_REQUEST; a body that does not fit (also JSON that is not an object: `[]`,
 *   `1.5`, `null`) is 422 VALIDATION_FAILED with
 *   `details.fields` naming each bad field. Unknown fields are dropped, never applied.
 *
 * Hono's own json target parses without our integer-literal rule (below), so these
 * middlewares read the body themselves and carry the same OpenAPI metadata
 * hono-openapi's `validator()` does (`resolver` under `uniqueSymbol`): the document is
 * generated from the very schemas that check the requests.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { resolver, uniqueSymbol } from 'hono-openapi';
import * as v from 'valibot';
import { DomainError } from '../domain/errors';
import { documentedAs } from '../contract/documented';

export { documentedAs };
import type { Config } from '../env';
import type { AppEnv } from '../app-env';

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

/** The parsed body (undefined when the request had none). */
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

/** For a write that takes no body: one it is sent anyway must still be JSON. */
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

/**
 * A body schema that depends on the deployment's configuration (the top-up amounts):
 * built once per configuration; `documented` is the shape the OpenAPI document shows.
 */
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
    // valibot's v.object takes arrays (and a NonIntegerLiteral) for objects: every body is a plain JSON object first.
    if (!isJsonObject(body)) throw new DomainError('VALIDATION_FAILED', 'The body must be a JSON object', { fields: { body: 'Must be a JSON object' } });
    c.req.addValidatedData('json', check(schemaFor(c.var.config), body, 'Some fields are not valid'));
    await next();
  };
  return documented(middleware, 'json', documentedAs);
}

/** The route's JSON body, checked against `schema`. */
export function json<S extends Schema>(schema: S): MiddlewareHandler<AppEnv, string, Validated<'json', S>> {
  return jsonFor(() => schema, schema);
}

/** The route's query string (first value of each name), checked against `schema`. */
export function query<S extends Schema>(schema: S): MiddlewareHandler<AppEnv, string, Validated<'query', S>> {
  const middleware: MiddlewareHandler<AppEnv, string, Validated<'query', S>> = async (c, next) => {
    c.req.addValidatedData('query', check(schema, c.req.query(), 'Some query parameters are not valid'));
    await next();
  };
  return documented(middleware, 'query', schema);
}


/** Text that is trimmed, then must be non-empty and free of control characters (`forbidden`: a class body). */
export function trimmedTextPattern(forbidden = String.raw`\p{Cc}`): string {
  return String.raw`^\s*[^\s${forbidden}](?:[^${forbidden}]*[^\s${forbidden}])?\s*$`;
}

/** valibot's v.email(), after the trim and lower-casing the routes do first (K: the Kelvin sign lower-cases to k). */
export const EMAIL_PATTERN = String.raw`^\s*[\w+\u212A-]+(?:\.[\w+\u212A-]+)*@[\da-zA-Z\u212A]+(?:[.-][\da-zA-Z\u212A]+)*\.[a-zA-Z\u212A]{2,}\s*$`;

/** valibot's v.isoTimestamp(). */
export const ISO_TIMESTAMP_PATTERN = String.raw`^\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|0[1-9]|3[01])[T ](?:0\d|1\d|2[0-3])(?::[0-5]\d){2}(?:\.\d{1,9})?(?:Z| ?[+-](?:0\d|1\d|2[0-3])(?::?[0-5]\d)?)$`;

/** A non-empty string of at most `max` characters (UTF-16 units: a cheap outer bound). */
export const boundedString = (max: number, message = 'Must be text') =>
  v.pipe(v.string(message), v.maxLength(max, `Must be at most ${max} characters`));

/** A JSON object of any fields (a WebAuthn response): v.looseObject would also take an array. */
export const jsonObject = (message: string) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isJsonObject, message),
    documentedAs({ type: 'object' }),
  );

/** An integer number of fils (no floats, no strings, no -0). */
export const fils = (message = 'Must be an integer number of fils') =>
  v.pipe(v.number(message), v.integer(message), v.check((n) => !Object.is(n, -0), message));

export const uuid = v.pipe(v.string('Must be a UUID'), v.uuid('Must be a UUID'), documentedAs({ pattern: String.raw`^[\da-fA-F]{8}(?:-[\da-fA-F]{4}){3}-[\da-fA-F]{12}$` }));

/** `limit` (1–100, default 20) and an opaque `cursor` for paginated lists. */
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
