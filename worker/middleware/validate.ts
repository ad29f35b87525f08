/**
 * Request bodies and queries are checked with valibot at the boundary. A missing
 * body is 400 BAD_REQUEST; a body that does not fit is 422 VALIDATION_FAILED with
 * `details.fields` naming each bad field. Unknown fields are dropped, never applied.
 */
import * as v from 'valibot';
import { DomainError } from '../domain/errors';

export function fieldErrors(issues: v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path?.map((item) => String(item.key)).join('.') || 'body';
    fields[name] ??= issue.message;
  }
  return fields;
}

export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  if (body === undefined) throw new DomainError('BAD_REQUEST', 'This request needs a JSON body');
  const result = v.safeParse(schema, body);
  if (!result.success) {
    throw new DomainError('VALIDATION_FAILED', 'Some fields are not valid', { fields: fieldErrors(result.issues) });
  }
  return result.output;
}

export function parseQuery<S extends v.GenericSchema>(schema: S, query: Record<string, string>): v.InferOutput<S> {
  const result = v.safeParse(schema, query);
  if (!result.success) {
    throw new DomainError('VALIDATION_FAILED', 'Some query parameters are not valid', { fields: fieldErrors(result.issues) });
  }
  return result.output;
}

/** A non-empty string of at most `max` characters (UTF-16 units: a cheap outer bound). */
export const boundedString = (max: number, message = 'Must be text') =>
  v.pipe(v.string(message), v.maxLength(max, `Must be at most ${max} characters`));

/** An integer number of fils (no floats, no strings, no -0). */
export const fils = (message = 'Must be an integer number of fils') =>
  v.pipe(v.number(message), v.integer(message), v.check((n) => !Object.is(n, -0), message));

export const uuid = v.pipe(v.string('Must be a UUID'), v.uuid('Must be a UUID'));

/** `limit` (1–100, default 20) and an opaque `cursor` for paginated lists. */
export const pageQuery = v.object({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'Must be an integer from 1 to 100'), v.transform(Number), v.minValue(1, 'Must be an integer from 1 to 100'), v.maxValue(100, 'Must be an integer from 1 to 100')),
    '20',
  ),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'Not a valid cursor'), v.transform(Number))),
});
