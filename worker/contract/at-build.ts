/** The Worker's `hono-openapi` (wrangler.toml `alias`, ADR 016): no-ops, as the document is built (scripts/openapi-document.mjs) and no converter ships. */
import type { MiddlewareHandler } from 'hono';

export const uniqueSymbol = Symbol('openapi');

const passThrough: MiddlewareHandler = async (_c, next) => {
  await next();
};

export function describeRoute(): MiddlewareHandler {
  return passThrough;
}

export function resolver(): Record<string, never> {
  return {};
}
