/**
 * One place that turns failures into the contract's error JSON. Refusals carry
 * their code; anything else is logged with context and answered with a bare 500
 * (no stack trace, no SQL).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, ERROR_TEXT } from '../domain/errors';
import { refusalFrom } from '../writes/run';
import type { AppEnv } from '../app-env';

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
