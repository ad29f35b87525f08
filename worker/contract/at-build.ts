/**
 * What the deployed Worker gets for `hono-openapi` (wrangler.toml `alias`): the
 * route descriptions become no-ops, because the document is generated at build
 * time from the real ones (scripts/build-openapi.mjs) and served as a static file.
 * None of the JSON Schema conversion (valibot → JSON Schema, and the zod converter
 * its dependencies bundle) ships in the Worker. docs/decisions/016-lean-worker.md.
 */
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
