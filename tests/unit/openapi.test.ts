/**
 * The OpenAPI document, as the Worker serves it, checked in Node by a maintained
 * validator (ajv inside; ajv compiles with `new Function`, which workerd forbids).
 * The Worker's code loads in Node as it is (Hono, valibot, jose use web APIs only),
 * and the document needs no bindings, so we ask the real app for it.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from '../../scripts/openapi-document.mjs';
import { SESSION_COOKIE } from '../../worker/auth/cookie';
import { ERROR_STATUS, type ErrorCode } from '../../worker/domain/errors';

type Operation = { security?: Record<string, string[]>[]; parameters?: ({ $ref: string } | { in: string; name: string })[]; responses: Record<string, unknown> };
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};

/** The routes of shared/contract/API.md that the Worker implements, plus its own additions. */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/auth/signup',
  'POST /api/auth/login',
  'POST /api/auth/passkey/options',
  'POST /api/auth/passkey',
  'GET /api/topups/options',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/push/key',
];
const SIGNED_IN_ROUTES = [
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/me/verification',
  'POST /api/wallet/deposits',
  'GET /api/transactions',
  'GET /api/beneficiaries',
  'POST /api/beneficiaries',
  'PATCH /api/beneficiaries/{id}',
  'DELETE /api/beneficiaries/{id}',
  'POST /api/topups',
  'GET /api/topups',
  'GET /api/limits',
  'POST /api/sync',
  'GET /api/bootstrap',
  'GET /api/schedules',
  'POST /api/schedules',
  'PATCH /api/schedules/{id}',
  'DELETE /api/schedules/{id}',
  'POST /api/me/passkeys/options',
  'POST /api/me/passkeys',
  'GET /api/me/passkeys',
  'DELETE /api/me/passkeys/{id}',
  'GET /api/me/sessions',
  'DELETE /api/me/sessions/{id}',
  'POST /api/me/password',
  // v3, issue 24: a top-up's story and problems, statements, withdrawals, the export, closing.
  'GET /api/topups/{id}',
  'POST /api/topups/{id}/problems',
  'GET /api/problems',
  'GET /api/statements/{month}',
  'POST /api/wallet/withdrawals',
  'GET /api/me/export',
  'POST /api/me/close',
  // v3, issue 23: notifications and Web Push.
  'PATCH /api/me',
  'GET /api/notifications',
  'POST /api/notifications/read',
  'POST /api/me/push-subscriptions',
  'GET /api/me/push-subscriptions',
  'DELETE /api/me/push-subscriptions/{id}',
];
/** The operations API (issue 25): the Access JWT, never a customer session. */
const OPERATOR_ROUTES = [
  'GET /api/admin/users',
  'GET /api/admin/users/{id}',
  'POST /api/admin/users/{id}/freeze',
  'POST /api/admin/users/{id}/unfreeze',
  'POST /api/admin/users/{id}/sessions/end',
  'POST /api/admin/topups/{id}/settle',
  'GET /api/admin/adjustments',
  'POST /api/admin/adjustments',
  'POST /api/admin/adjustments/{id}/approve',
  'POST /api/admin/adjustments/{id}/reject',
  'GET /api/admin/problems',
  'PATCH /api/admin/problems/{id}',
  'GET /api/admin/audit',
  'GET /api/admin/overview',
  'GET /api/admin/roles',
  'PUT /api/admin/roles/{email}',
  'DELETE /api/admin/roles/{email}',
];

let doc: Doc;
let text: string;
let ajv: Ajv2020;

/** A schema of the document, compiled with its component references resolved (once per distinct schema: most errors share one). */
function compile(schema: unknown) {
  const text = JSON.stringify(schema).replaceAll('"#/components/', `"${BASE}#/components/`);
  let valid = compiled.get(text);
  if (!valid) compiled.set(text, (valid = ajv.compile(JSON.parse(text) as object)));
  return valid;
}
const compiled = new Map<string, ValidateFunction>();
const BASE = 'https://topup.invalid/openapi.json';

beforeAll(async () => {
  // What the build writes to dist/docs/openapi.json (scripts/openapi-document.mjs), which the Worker serves.
  text = JSON.stringify(await generateOpenApiDocument());
  doc = JSON.parse(text) as Doc;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: BASE, components: doc.components });
});

function operation(route: string): Operation {
  const [method = '', path = ''] = route.split(' ');
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${route} is not in the document`);
  return op;
}

const headerNames = (op: Operation) =>
  (op.parameters ?? []).map((p) => {
    const param = '$ref' in p ? (doc.components.parameters?.[p.$ref.split('/').pop() ?? ''] as { in: string; name: string }) : p;
    return param.in === 'header' ? param.name : '';
  });

describe('the OpenAPI document (built, served at GET /api/openapi.json)', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator({ strict: false });
    const result = await validator.validate(JSON.parse(text) as Record<string, unknown>);
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // Every $ref points somewhere (the validator checks shapes, resolving proves the links).
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('has only JSON schemas that compile as JSON Schema 2020-12 (the 3.1 dialect)', () => {
    const schemas: unknown[] = [];
    const collect = (node: unknown, key: string): void => {
      if (!node || typeof node !== 'object') return;
      if (key === 'schema') schemas.push(node);
      for (const [k, v] of Object.entries(node)) collect(v, k);
    };
    collect(doc.paths, '');
    expect(schemas.length).toBeGreaterThan(40);
    for (const schema of schemas) expect(() => compile(schema), JSON.stringify(schema)).not.toThrow();
  });

  it('says what it is and where it applies: title, contract version, a relative server', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBe('TopUp API');
    expect(doc.info.version).toBe('3.0.0'); // API.md is v3
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('documents both ways to sign in, the error shape and the shared headers as components', () => {
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      cookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }),
      access: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Cf-Access-Jwt-Assertion' }),
    });
    expect(SESSION_COOKIE.startsWith('__Host-')).toBe(true);
    expect(doc.components.schemas?.Error).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
    expect(doc.components.parameters?.IdempotencyKey).toMatchObject({ in: 'header', name: 'Idempotency-Key', required: false });
    expect(doc.components.parameters?.TopUpUser).toMatchObject({ in: 'header', name: 'X-TopUp-User' });
  });

  it('covers every route of the contract the Worker implements, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...PUBLIC_ROUTES, ...SIGNED_IN_ROUTES, ...OPERATOR_ROUTES].sort());
  });

  it('asks for the Access JWT (and nothing of a customer) on every operations route, with 401 and 403', () => {
    for (const route of OPERATOR_ROUTES) {
      const op = operation(route);
      expect(op.security, route).toEqual([{ access: [] }]);
      expect(op.responses['401'], route).toBeDefined();
      expect(op.responses['403'], route).toBeDefined();
      expect(headerNames(op), route).not.toContain('X-TopUp-User');
      if (!route.startsWith('GET')) expect(headerNames(op), route).toContain('Idempotency-Key');
    }
  });

  it('asks for a bearer token or the session cookie on every signed-in route, and for nothing on public ones', () => {
    for (const route of SIGNED_IN_ROUTES) {
      const op = operation(route);
      expect(op.security ?? doc.security, route).toEqual([{ bearer: [] }, { cookie: [] }]);
      expect(op.responses['401'], route).toBeDefined();
      expect(headerNames(op), route).toContain('X-TopUp-User');
    }
    for (const route of PUBLIC_ROUTES) {
      expect(operation(route).security, route).toEqual([]);
      expect(headerNames(operation(route)), route).not.toContain('X-TopUp-User');
    }
  });

  it('takes an Idempotency-Key on every write it replays, and requires one where money moves', () => {
    // Sign-in, sign-out and sync take no key of their own (a sync action carries its own), nor do
    // WebAuthn options (each call is a new one-time challenge).
    const unkeyed = ['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/sync', 'POST /api/auth/passkey/options', 'POST /api/auth/passkey', 'POST /api/me/passkeys/options'];
    for (const route of [...PUBLIC_ROUTES, ...SIGNED_IN_ROUTES].filter((r) => !r.startsWith('GET') && !unkeyed.includes(r))) {
      expect(headerNames(operation(route)), route).toContain('Idempotency-Key');
    }
    for (const route of ['POST /api/wallet/deposits', 'POST /api/topups', 'POST /api/wallet/withdrawals']) {
      const keys = (operation(route).parameters ?? []).filter((p) => '$ref' in p && p.$ref.endsWith('/IdempotencyKeyRequired'));
      const inline = (operation(route).parameters ?? []).filter((p) => 'name' in p && p.name === 'Idempotency-Key' && (p as { required?: boolean }).required);
      expect(keys.length + inline.length, route).toBe(1);
    }
  });

  it('states each route’s input as its validators check it: bodies, queries, path parameters', () => {
    type JsonSchema = { required?: string[]; properties?: Record<string, { type?: string }> };
    const body = (route: string) => (operation(route) as { requestBody?: { content: Record<string, { schema: JsonSchema }> } }).requestBody?.content['application/json']?.schema;
    const required: [string, string[]][] = [
      ['POST /api/auth/signup', ['email', 'password', 'name']],
      ['POST /api/auth/login', ['email', 'password']],
      ['POST /api/wallet/deposits', ['amount']],
      ['POST /api/beneficiaries', ['nickname', 'phone']],
      ['POST /api/topups', ['beneficiary_id', 'amount']],
      ['POST /api/sync', ['actions']],
      ['POST /api/me/passkeys', ['response']],
      ['POST /api/auth/passkey', ['response']],
      ['POST /api/me/password', ['current_password', 'new_password']],
      ['POST /api/wallet/withdrawals', ['amount']],
      ['POST /api/topups/{id}/problems', ['reason']],
      ['POST /api/me/close', ['password']],
    ];
    for (const [route, fields] of required) expect(body(route)?.required?.sort(), route).toEqual(fields.sort());
    expect(Object.keys(body('PATCH /api/beneficiaries/{id}')?.properties ?? {}).sort()).toEqual(['active', 'nickname']);
    // Money is integer fils in the document too.
    expect(body('POST /api/wallet/deposits')?.properties?.amount?.type).toBe('integer');
    expect(body('POST /api/topups')?.properties?.amount?.type).toBe('integer');
    const params = (route: string, where: string) => (operation(route).parameters ?? []).flatMap((p) => ('in' in p && p.in === where ? [p.name] : []));
    expect(params('GET /api/transactions', 'query').sort()).toEqual(['cursor', 'limit']);
    expect(params('GET /api/topups', 'query').sort()).toEqual(['beneficiary_id', 'cursor', 'limit']);
    for (const route of ['PATCH /api/beneficiaries/{id}', 'DELETE /api/beneficiaries/{id}', 'DELETE /api/me/passkeys/{id}', 'DELETE /api/me/sessions/{id}']) {
      expect(params(route, 'path'), route).toEqual(['id']);
    }
  });

  it('describes every response, and every error as the contract error shape with codes of its status', () => {
    const allCodes = [...Object.keys(ERROR_STATUS), 'INTERNAL'];
    const codesOf = (status: number) => (status >= 500 ? ['INTERNAL'] : allCodes.filter((code) => ERROR_STATUS[code as ErrorCode] === status));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => s.startsWith('2')), `${method} ${path}`).toBe(true);
        for (const status of statuses) {
          const where = `${method.toUpperCase()} ${path} ${status}`;
          let response = op.responses[status] as { $ref?: string; description?: string; content?: Record<string, { schema?: unknown }> };
          if (response.$ref) response = doc.components.responses?.[response.$ref.split('/').pop() ?? ''] as typeof response;
          expect(response?.description, where).toBeTruthy();
          if (status === '204') expect(response.content, where).toBeUndefined();
          else expect(response.content?.['application/json']?.schema ?? response.content?.['text/html']?.schema, where).toBeDefined();
          // /api/health's 503 is its own body ({ok: false}), the one non-error failure of the contract.
          if (Number(status) < 400 || (path === '/api/health' && status === '503')) continue;
          const valid = compile(response.content?.['application/json']?.schema);
          const accepted = allCodes.filter((code) => valid({ error: { code, message: 'text' } }));
          expect(accepted.length, `${where} accepts no code`).toBeGreaterThan(0);
          expect(codesOf(Number(status)), `${where} accepts codes of another status`).toEqual(expect.arrayContaining(accepted));
          const code = accepted[0];
          expect(valid({ error: { code, message: 'text', details: { fields: { amount: 'Must be an integer' } } } }), where).toBe(true);
          for (const drift of [{ error: { code } }, { error: { code, message: 'text' }, extra: 1 }, { error: { code, message: 'text', stack: 'at x' } }, { code, message: 'text' }]) {
            expect(valid(drift), `${where} accepts ${JSON.stringify(drift)}`).toBe(false);
          }
        }
      }
    }
  });
});
