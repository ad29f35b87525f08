/** The OpenAPI document's reusable parts: the auth schemes, the error shape (narrowed per status), the shared headers. */
import type { generateSpecs } from 'hono-openapi';
import { ERROR_STATUS, type ErrorCode } from '../domain/errors';

/** The session cookie's name (auth/cookie.ts sets and reads it). */
export const SESSION_COOKIE = '__Host-topup_session';


export type OpenApiDocument = Awaited<ReturnType<typeof generateSpecs>>;
export type Components = OpenApiDocument['components'];
type Responses = NonNullable<Components['responses']>;

/** `security` of a route that needs a session: a bearer token or the session cookie, either one. */
export const SIGNED_IN: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
/** `security` of a public route (the document's default is SIGNED_IN). */
export const PUBLIC: [] = [];

export const ref = {
  error: '#/components/schemas/Error',
  idempotencyKey: '#/components/parameters/IdempotencyKey',
  idempotencyKeyRequired: '#/components/parameters/IdempotencyKeyRequired',
  idempotencyKeyIgnored: '#/components/parameters/IdempotencyKeyIgnored',
  bookmark: '#/components/headers/X-D1-Bookmark',
  replayed: '#/components/headers/Idempotent-Replayed',
  setCookie: '#/components/headers/Set-Cookie',
  retryAfter: '#/components/headers/Retry-After',
  topUpUser: '#/components/parameters/TopUpUser',
} as const;

/** What the Worker answers when something breaks inside: not a contract code, never a client's fault. */
const INTERNAL = 'INTERNAL';

const errorSchema = {
  type: 'object' as const,
  description: 'Every error: `{"error": {"code", "message", "details"?}}`. `message` is English for developers; clients choose their own text by `code`.',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object' as const,
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' as const, enum: [...Object.keys(ERROR_STATUS), INTERNAL] },
        message: { type: 'string' as const, minLength: 1 },
        details: { type: 'object' as const, description: 'For VALIDATION_FAILED, `fields`: field → message; for limits, how much is left.' },
      },
    },
  },
};

export function codesFor(status: number): string[] {
  if (status >= 500) return [INTERNAL];
  return (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === status);
}

/** The error schema with `code` narrowed to what this status may carry. */
export function errorSchemaFor(status: number) {
  return { allOf: [{ $ref: ref.error }, { properties: { error: { properties: { code: { enum: codesFor(status) } } } } }] };
}

/** A whole error response object for `status`, e.g. for `describeRoute({responses: {409: errorResponse(409, '…')}})`. */
export function errorResponse(status: number, description = `One of: ${codesFor(status).join(', ')}`) {
  return { description, content: { 'application/json': { schema: errorSchemaFor(status) } } };
}

const ERROR_RESPONSES = { 400: 'BadRequest', 401: 'Unauthenticated', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge', 422: 'Unprocessable', 429: 'RateLimited', 500: 'Internal' } as const;

export function errorResponseRef(status: keyof typeof ERROR_RESPONSES) {
  return { $ref: `#/components/responses/${ERROR_RESPONSES[status]}` };
}

function errorResponses(): Responses {
  const responses: Responses = {};
  for (const [status, name] of Object.entries(ERROR_RESPONSES)) {
    const response = errorResponse(Number(status));
    responses[name] = { ...response, headers: { 'X-D1-Bookmark': { $ref: ref.bookmark }, ...(status === '429' ? { 'Retry-After': { $ref: ref.retryAfter } } : {}) } };
  }
  return responses;
}

/** The headers the middleware puts on answers (contract/document.ts says which answers). */
const HEADERS = {
  'X-D1-Bookmark': {
    description: 'On every /api answer: `<shard>:<D1 bookmark>`, the state this request saw or made (empty when it touched no shard and none was sent). Send it back as `X-D1-Bookmark` to read at least that state.',
    schema: { type: 'string' as const },
  },
  'Idempotent-Replayed': { description: '`true` when this is the stored first answer to the same Idempotency-Key, replayed.', schema: { type: 'string' as const, enum: ['true'] } },
  'Set-Cookie': {
    description: 'The `__Host-` session cookie (HttpOnly; Secure; SameSite=Strict; Path=/): set by sign-up and sign-in, cleared by sign-out.',
    schema: { type: 'string' as const },
  },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' as const, minimum: 0 } },
};

const printableAscii = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]{1,255}$' } as const;

export function components(): Components {
  return {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `token` from sign-up or sign-in: `Authorization: Bearer <token>`.' },
      cookie: {
        type: 'apiKey',
        in: 'cookie',
        name: SESSION_COOKIE,
        description: 'The session cookie set by sign-up and sign-in (HttpOnly; Secure; SameSite=Strict; Path=/). What the PWA uses.',
      },
      access: {
        type: 'apiKey',
        in: 'header',
        name: 'Cf-Access-Jwt-Assertion',
        description: 'The operations API only: the Cloudflare Access JWT of an operator (set by Access in front of the Worker). Customer tokens are never accepted there.',
      },
    },
    schemas: { Error: errorSchema },
    responses: errorResponses(),
    headers: HEADERS,
    parameters: {
      IdempotencyKey: {
        in: 'header',
        name: 'Idempotency-Key',
        required: false,
        description: 'Makes a retry safe: the same key with the same request replays the first answer (`Idempotent-Replayed: true`) for at least 24 hours.',
        schema: printableAscii,
      },
      IdempotencyKeyRequired: {
        in: 'header',
        name: 'Idempotency-Key',
        required: true,
        description: 'Required on the routes that move money: without one → 400 BAD_REQUEST. The same key with the same request replays the first answer.',
        schema: printableAscii,
      },
      IdempotencyKeyIgnored: {
        in: 'header',
        name: 'Idempotency-Key',
        required: false,
        description: 'Accepted, as on every write, and not used: repeating this request is safe without it.',
        schema: { type: 'string' as const },
      },
      TopUpUser: {
        in: 'header',
        name: 'X-TopUp-User',
        required: false,
        description: 'Whose action this is (the PWA sends it with every queued action): another user than the signed-in one → 403 USER_MISMATCH and nothing happens.',
        schema: { type: 'string' as const },
      },
    },
  };
}
