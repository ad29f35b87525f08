/**
 * The OpenAPI document is exactly as strict as the server (ADR 013): for every
 * operation of the served document that takes a body or a query, values generated
 * from its schemas are never refused as invalid (no 422 VALIDATION_FAILED), and values
 * its schemas refuse for one reason always are. A client generated from the document
 * therefore never sends what the server refuses, and no rule of the server is missing
 * from the document. New routes are covered the day they are documented.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOperatorHarness, operator } from './operators';
import { invalidValue, validValue, type JsonSchema, type Narrow } from './schema-arbitrary';
import { SEED } from './soak';
import { openApiDocument } from '../../worker/contract/document';

// Operators' routes too: the development issuer is configured, and an admin signs those requests.
// GET /api/openapi.json hands out the build's file (dist/docs): here, the document the routes describe.
const builtDocument: Pick<Fetcher, 'fetch'> = { fetch: async () => Response.json(doc) };
const h = makeOperatorHarness({ env: { ASSETS: builtDocument as Fetcher } });
const RUNS = 20;

type Parameter = { in: string; name: string; schema: JsonSchema; required?: boolean; $ref?: string };
type Operation = { requestBody?: { content: { 'application/json': { schema: JsonSchema } } }; parameters?: Parameter[] };
type Doc = { paths: Record<string, Record<string, Operation>> };

let doc: Doc;
let token: string;
let admin: Record<string, string>;

beforeAll(async () => {
  // The document the routes describe (the build serves exactly this: openapi.test.ts, e2e docs.test.ts).
  doc = (await openApiDocument(h.app)) as unknown as Doc;
  const u = await h.signUp('Fuzz');
  token = u.token;
  await h.deposit(token, 100_000);
  admin = (await operator('admin', new Date(h.clock.now))).headers;
});

/** Rules no JSON Schema can say, narrowed here and written in the operation's description. */
const narrow: Narrow = (name, schema) => {
  // An opaque cursor (the audit log's) is valid only as the server made it: a valid query leaves it out.
  if (name === 'cursor' && !schema.pattern) return fc.constant(undefined);
  // starts_at: within 5 minutes before and a year after the request (the document says so in words).
  if (name === 'starts_at') return fc.integer({ min: -4 * 60_000, max: 364 * 86_400_000 }).map((ms) => new Date(h.clock.now.getTime() + ms).toISOString());
  // A statement's month: one that has begun (in words too); the clock's is 2026-11.
  if (name === 'month') return fc.tuple(fc.integer({ min: 1990, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.boolean()).filter(([y, m]) => y < 2026 || m <= 11).map(([y, m, csv]) => `${y}-${String(m).padStart(2, '0')}${csv ? '.csv' : ''}`);
  return undefined;
};

/** A 422 that is the operation's answer to a well-formed value: a passkey registration `response` that does not verify (API.md). */
const verifiedLater = (method: string, path: string, fields: Record<string, string>) =>
  method === 'POST' && path === '/api/me/passkeys' && Object.keys(fields).every((f) => f === 'response');

const operations = () =>
  Object.entries(doc.paths)
    .flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      // An id where the path takes one; an operator's email where it names one (PUT/DELETE /api/admin/roles/{email}).
      path: template.replace(/\{email\}/g, 'fuzz@ops.example').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
      body: op.requestBody?.content['application/json'].schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query'),
      // Path parameters with a rule of their own (a statement's month); the others are ids, unknown here (404).
      checkedPath: (op.parameters ?? []).filter((p) => p.in === 'path' && p.schema?.pattern),
    })),
  );

/** The path with `values` in place of its checked parameters (and an id or email in place of the others). */
const fill = (template: string, values: Record<string, unknown>) =>
  template
    .replace(/\{([^}]+)\}/g, (whole, name: string) => (name in values ? encodeURIComponent(String(values[name])) : whole))
    .replace(/\{email\}/g, 'fuzz@ops.example')
    .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  return params.size > 0 ? `?${params}` : '';
}

async function send(method: string, path: string, body?: unknown) {
  // Signing out ends the session it is sent with: a session of its own, so the fuzz's goes on.
  const session = path === '/api/auth/logout' ? (await h.signUp('Leaving')).token : token;
  const who = path.startsWith('/api/admin/') ? { headers: admin } : { token: session };
  return h.call(method, path, { ...who, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

describe('every operation of /api/openapi.json against the server', () => {
  it(`bodies: what the document takes is never 422; what it refuses always is (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const withBody = operations().filter((o) => o.body);
    expect(withBody.length).toBeGreaterThanOrEqual(14);
    for (const { method, path, body } of withBody) {
      await fc.assert(
        fc.asyncProperty(validValue(body!, narrow), async (value) => {
          const res = await send(method, path, value);
          const fields = (res.json?.error?.details?.fields ?? {}) as Record<string, string>;
          if (res.status === 422 && !verifiedLater(method, path, fields)) expect.fail(`${method} ${path} refused a body the document takes: ${JSON.stringify(value)} → ${res.text}`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      await fc.assert(
        fc.asyncProperty(invalidValue(body!, narrow, 'body'), async ({ value, why }) => {
          const res = await send(method, path, value);
          expect([res.status, res.json?.error?.code], `${method} ${path} took a body the document refuses (${why}): ${JSON.stringify(value)}`).toEqual([422, 'VALIDATION_FAILED']);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
  });

  it(`queries: the same, for every documented query parameter (seed ${SEED})`, { timeout: 120_000 }, async () => {
    const withQuery = operations().filter((o) => o.query.length > 0);
    expect(withQuery.map((o) => `${o.method} ${o.template}`)).toEqual(expect.arrayContaining(['GET /api/transactions', 'GET /api/topups']));
    for (const { method, path, query } of withQuery) {
      const schema: JsonSchema = { type: 'object', properties: Object.fromEntries(query.map((p) => [p.name, p.schema])), required: query.filter((p) => p.required).map((p) => p.name) };
      await fc.assert(
        fc.asyncProperty(validValue(schema, narrow), async (value) => {
          const res = await send(method, `${path}${queryString(value as Record<string, unknown>)}`);
          expect(res.status, `${method} ${path} ${JSON.stringify(value)} → ${res.text}`).not.toBe(422);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      const invalidQuery = fc.oneof(
        ...query.map((p) =>
          invalidValue(p.schema, narrow, p.name)
            // A query string carries text: `5` is a refusal of a string only as the number it is not (and "5" is an integer).
            .filter(({ value }) => typeof value === (p.schema.type === 'integer' ? 'number' : 'string'))
            .map(({ value, why }) => ({ value: { [p.name]: value }, why })),
        ),
        ...query.filter((p) => p.schema.type === 'integer').map((p) => fc.constantFrom('x', '1.5', '', '+5', '1e2').map((value) => ({ value: { [p.name]: value }, why: `${p.name}: not an integer` }))),
      );
      await fc.assert(
        fc.asyncProperty(invalidQuery, async ({ value, why }) => {
          const res = await send(method, `${path}${queryString(value)}`);
          expect([res.status, res.json.error?.code], `${method} ${path} took a query the document refuses (${why}): ${JSON.stringify(value)}`).toEqual([422, 'VALIDATION_FAILED']);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
  });
  it(`every operation: a request the document takes is answered as documented, never 422, never 5xx (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const all = operations();
    // Every operation of the document, those with neither body nor query too (GET /api/me/export, DELETE …/{id}).
    expect(all.length).toBe(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0));
    expect(all.length).toBeGreaterThanOrEqual(60);
    for (const { method, template, body, query, checkedPath } of all) {
      const request = fc.record({
        params: validValue({ type: 'object', properties: Object.fromEntries(checkedPath.map((p) => [p.name, p.schema])), required: checkedPath.map((p) => p.name) }, narrow),
        query: validValue({ type: 'object', properties: Object.fromEntries(query.map((p) => [p.name, p.schema])), required: query.filter((p) => p.required).map((p) => p.name) }, narrow),
        body: body ? validValue(body, narrow) : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ params, query: values, body: value }) => {
          const path = `${fill(template, params as Record<string, unknown>)}${queryString(values as Record<string, unknown>)}`;
          // h.call checks the answer (status, type, body) against the document itself.
          const res = await send(method, path, value);
          const fields = (res.json?.error?.details?.fields ?? {}) as Record<string, string>;
          expect(res.status, `${method} ${path} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status === 422 && !verifiedLater(method, path, fields)) expect.fail(`${method} ${path} refused what the document takes: ${JSON.stringify(value)} → ${res.text}`);
        }),
        { numRuns: 5, seed: SEED },
      );
      // A checked path parameter the document refuses is refused (422), like a body's field.
      for (const p of checkedPath) {
        await fc.assert(
          fc.asyncProperty(invalidValue(p.schema, narrow, p.name).filter(({ value }) => typeof value === 'string' && !/^\.*$/.test(value) && !value.includes('/')), async ({ value, why }) => {
            const path = fill(template, { [p.name]: value });
            const res = await send(method, path);
            expect([res.status, res.json?.error?.code], `${method} ${path} took a path the document refuses (${why})`).toEqual([422, 'VALIDATION_FAILED']);
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }
    }
  });
});
