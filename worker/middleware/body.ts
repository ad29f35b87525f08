/**
 * Reads a write's JSON body, once: 400 BAD_REQUEST when it is malformed or of another
 * content type. Read on demand by the route's own middleware (idempotent(), the body
 * validator), so a request without a session is refused (401) before its body is read.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors';
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

/** For a write that takes no body: one it is sent anyway must still be JSON. */
export const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  await readJson(c);
  await next();
};
