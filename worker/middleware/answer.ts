/**
 * How a route's result becomes the HTTP answer: a write's outcome (or the first answer
 * again, replayed), a refusal as the contract's error JSON, and anything else logged with
 * its context and answered with a bare 500 (no stack trace, no SQL).
 */
import type { Context, TypedResponse } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { JSONParsed, JSONValue } from 'hono/utils/types';
import { DomainError, ERROR_TEXT } from '../domain/errors';
import { refusalFrom, type Outcome } from '../writes/run';
import type { AppEnv } from '../app-env';

/**
 * A replay is the stored text as is, with `Idempotent-Replayed: true`: byte for byte the
 * first answer, which had the same type.
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
