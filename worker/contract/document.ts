/** The OpenAPI document from the app's own routes, completed here with what middleware/* does to every route of a kind: enforced once, said once. */
import type { Env as HonoEnv, Hono, Schema } from 'hono';
import { generateSpecs } from 'hono-openapi';
import { components, errorResponseRef, ref, SIGNED_IN, type OpenApiDocument } from './components';

/** The contract's version (shared/contract/API.md), not the deployment's. */
export const CONTRACT_VERSION = '3.0.0';

const DESCRIPTION = [
  'The TopUp API: a wallet in UAE dirhams that tops up UAE mobile numbers.',
  '',
  '- **Money is an integer number of fils** (AED 1 = 100 fils) in every field, request and response.',
  '- Timestamps are ISO 8601 in UTC; monthly limits count the calendar month in Asia/Dubai.',
  '- Sign in with `POST /api/auth/login` (or sign up), then send `Authorization: Bearer <token>`, or let the browser send the session cookie.',
  '- Every `POST`, `PATCH` and `DELETE` accepts an `Idempotency-Key`; deposits and top-ups require one.',
  '- Every error is `{"error": {"code", "message", "details"?}}`; no request gets a 5xx for anything the client sent.',
].join('\n');

type Operation = {
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

type Parameter = { $ref: string } | { in: string; name: string; required?: boolean };

function headerOf(doc: OpenApiDocument, p: Parameter): { name: string; required: boolean } | null {
  const param = '$ref' in p ? doc.components.parameters?.[p.$ref.split('/').pop() ?? ''] : p;
  if (!param || !('in' in param) || param.in !== 'header') return null;
  return { name: param.name.toLowerCase(), required: param.required === true };
}

function addResponse(op: Operation, status: number, response: unknown): void {
  op.responses ??= {};
  op.responses[String(status)] ??= response;
}

type Headers = Record<string, { $ref: string }>;

/** The response headers the middleware sets; shared responses ($ref) carry theirs already. */
function addHeaders(response: unknown, status: string, keyed: boolean): void {
  if (!response || typeof response !== 'object' || '$ref' in response) return;
  const r = response as { headers?: Headers };
  const headers: Headers = { 'X-D1-Bookmark': { $ref: ref.bookmark } };
  if (keyed && status.startsWith('2')) headers['Idempotent-Replayed'] = { $ref: ref.replayed };
  if (status === '429') headers['Retry-After'] = { $ref: ref.retryAfter };
  r.headers = { ...headers, ...r.headers };
}

/** What middleware/* answers for every route of a kind, added where a route did not say it itself. */
function completeOperation(doc: OpenApiDocument, method: string, op: Operation): void {
  const security = op.security ?? doc.security ?? [];
  // The operations API (middleware/operator.ts): the Access JWT (401) and a role (403); no customer header.
  const operator = security.some((s) => typeof s === 'object' && s !== null && 'access' in s);
  const signedIn = security.length > 0 && !operator;
  op.parameters ??= [];
  if (operator) {
    addResponse(op, 401, errorResponseRef(401));
    addResponse(op, 403, errorResponseRef(403));
  }
  if (signedIn) {
    // middleware/session.ts: no valid session → 401; X-TopUp-User not the signed-in user → 403.
    if (!op.parameters.some((p) => headerOf(doc, p)?.name === 'x-topup-user')) op.parameters.push({ $ref: ref.topUpUser });
    addResponse(op, 401, errorResponseRef(401));
    addResponse(op, 403, errorResponseRef(403));
  }
  const keyed = op.parameters.some((p) => headerOf(doc, p)?.name === 'idempotency-key');
  if (WRITES.has(method)) {
    // Malformed JSON is 400 (middleware/exchange.ts); cross-site writes 403 and bodies over 16 KiB 413 (request.ts).
    addResponse(op, 400, errorResponseRef(400));
    addResponse(op, 403, errorResponseRef(403));
    addResponse(op, 413, errorResponseRef(413));
    // Every write accepts an Idempotency-Key (API.md); where idempotent() does not read it, it changes nothing.
    if (!keyed) op.parameters.push({ $ref: ref.idempotencyKeyIgnored });
  }
  const validatesInput = op.requestBody !== undefined || op.parameters.some((p) => 'in' in p && p.in === 'query');
  if (validatesInput) addResponse(op, 422, errorResponseRef(422));
  // middleware/exchange.ts: anything unexpected is a bare, logged 500.
  addResponse(op, 500, errorResponseRef(500));
  for (const [status, response] of Object.entries(op.responses ?? {})) addHeaders(response, status, keyed);
  if (op.parameters.length === 0) delete op.parameters;
}

export async function openApiDocument<E extends HonoEnv, S extends Schema, P extends string>(app: Hono<E, S, P>): Promise<OpenApiDocument> {
  const doc = await generateSpecs(app, {
    documentation: {
      info: { title: 'TopUp API', version: CONTRACT_VERSION, description: DESCRIPTION },
      // Relative: the document describes whichever deployment serves it.
      servers: [{ url: '/', description: 'This TopUp deployment' }],
      // Signed in unless a route says `security: []`.
      security: SIGNED_IN,
      components: components(),
    },
    // /api/openapi.json ends in ".json" but is a route, not a static file.
    excludeStaticFile: false,
    // Not hono-openapi's own 400 shape: refusals are the contract's errors, declared by each route
    // (a refused body or query is 422 VALIDATION_FAILED; 400 only for writes, added below).
    defaultValidationErrorResponse: false,
  });
  for (const [, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && 'responses' in op) completeOperation(doc, method, op);
    }
  }
  return doc;
}
