/** Helpers for each route's describeRoute: who may call it, what it answers, which error codes at which status. */
import { describeRoute, resolver, type DescribeRouteOptions } from 'hono-openapi';
import type * as v from 'valibot';
import { ERROR_STATUS, type ErrorCode } from '../domain/errors';
import { errorSchema } from './schemas';

type Responses = NonNullable<DescribeRouteOptions['responses']>;

const SIGNED_IN: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
/** An operator: the Cloudflare Access JWT (the operations API; customer tokens never count there). */
const OPERATOR: Record<string, string[]>[] = [{ access: [] }];

/** The JSON answer `status` of a route. */
export function answer(description: string, schema: v.GenericSchema): Responses[string] {
  return { description, content: { 'application/json': { schema: resolver(schema) } } };
}

/** Every error the route can answer, grouped by status, each status with its own codes. */
function errorResponses(codes: readonly ErrorCode[]): Responses {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const responses: Responses = {};
  for (const [status, list] of byStatus) {
    responses[String(status)] = { description: list.join(', '), content: { 'application/json': { schema: resolver(errorSchema(list)) } } };
  }
  return responses;
}

/** What the middleware a route declares can answer (kept beside the middleware it mirrors). */
export const ANSWERS = {
  /** requireAuth: no live session, or X-TopUp-User names someone else. */
  signedIn: ['UNAUTHENTICATED', 'USER_MISMATCH'],
  /** requireRole: no valid Access JWT, or no role enough for the route. */
  operator: ['UNAUTHENTICATED', 'FORBIDDEN'],
  /** Every write: not JSON, a cross-site request, a body over 16 KiB. */
  write: ['BAD_REQUEST', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE'],
  /** idempotent(): a malformed or missing key, a key in use, a key reused for another request. */
  idempotent: ['BAD_REQUEST', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED'],
  /** A body or query validator. */
  validated: ['VALIDATION_FAILED'],
  /** A write that takes an Idempotency-Key: `write` and `idempotent` together. */
  keyedWrite: ['BAD_REQUEST', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED'],
} as const satisfies Record<string, readonly ErrorCode[]>;

/** A signed-in write (it declares the write answers) is refused while the account is frozen (writes/run.ts). */
function frozen(errors: readonly ErrorCode[]): ErrorCode[] {
  return errors.includes('PAYLOAD_TOO_LARGE') ? ['ACCOUNT_FROZEN'] : [];
}

type Description = {
  summary: string;
  tags: string[];
  description?: string;
  /** false: public (no session needed); 'operator': the operations API (an Access JWT and a role). */
  signedIn: boolean | 'operator';
  ok: Responses;
  errors: readonly ErrorCode[];
  /** Its answers set (or clear) the session cookie: sign-up, the sign-ins, sign-out. */
  sessionCookie?: true;
  /** A path parameter the route checks itself (a statement's month): its rule, for the document. */
  pathParameters?: { name: string; description: string; schema: { type: 'string'; pattern: string } }[];
};

const SET_COOKIE = { 'Set-Cookie': { $ref: '#/components/headers/Set-Cookie' } };

export function describe(d: Description) {
  return describeRoute({
    summary: d.summary,
    tags: d.tags,
    ...(d.description ? { description: d.description } : {}),
    security: d.signedIn === 'operator' ? OPERATOR : d.signedIn ? SIGNED_IN : [],
    ...(d.pathParameters ? { parameters: d.pathParameters.map((p) => ({ in: 'path' as const, required: true, ...p })) } : {}),
    responses: {
      ...(d.sessionCookie ? Object.fromEntries(Object.entries(d.ok).map(([status, r]) => [status, { ...r, headers: SET_COOKIE }])) : d.ok),
      ...errorResponses(d.signedIn === 'operator' ? [...ANSWERS.operator, ...d.errors] : d.signedIn ? [...ANSWERS.signedIn, ...frozen(d.errors), ...d.errors] : d.errors),
    },
  });
}
