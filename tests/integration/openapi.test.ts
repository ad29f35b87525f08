/**
 * GET /api/openapi.json and GET /api/docs inside workerd, and the checker that holds
 * every integration test's answers to the document: it must catch each kind of drift.
 */
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { expectConsole } from '../shared/console-guard';
import { checkerFrom, type Seen } from './openapi-check';
import { openApiDocument } from '../../worker/contract/document';

/** A stand-in for the assets binding: the built file is the document the routes describe now. */
const assets = (document: () => Promise<unknown>, status = 200) => ({
  fetch: async (input: RequestInfo | URL) => {
    seen.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return status === 200 ? Response.json(await document()) : new Response('Not found', { status });
  },
});
const seen: string[] = [];
const h = makeHarness();
const described = () => openApiDocument(h.app);
const served = makeHarness({ env: { ASSETS: assets(described) as unknown as Fetcher } });
const check = () => checkerFrom(async () => Response.json(await described()));
const json = (status: number, body: unknown, method = 'GET', path = '/api/openapi.json'): Seen => ({ method, path, status, contentType: 'application/json', text: JSON.stringify(body) });

describe('GET /api/openapi.json', () => {
  it('is public, JSON, no-store: the built file (docs/openapi.json of the assets), which is what the routes describe', async () => {
    const first = await served.call('GET', '/api/openapi.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    expect(first.json).toEqual(await described());
    expect(seen.at(-1)).toBe('/docs/openapi.json');
  });

  it('needs no session, secret or database: it answers even when the configuration is broken', async () => {
    const broken = makeHarness({ env: { JWT_SECRET: undefined, ASSETS: assets(described) as unknown as Fetcher } });
    expect((await broken.call('GET', '/api/openapi.json')).status).toBe(200);
  });

  it('is a bare 500 when a deployment was built without its document (never an empty or made-up one)', async () => {
    expectConsole(/built OpenAPI document \/docs\/openapi.json answered 404/);
    const missing = makeHarness({ env: { ASSETS: assets(described, 404) as unknown as Fetcher } });
    const res = await missing.app.request('/api/openapi.json', {}, missing.bindings);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
  });
});

describe('GET /api/docs', () => {
  it('is an HTML page that loads Scalar from our own origin, under its own CSP', async () => {
    const res = await h.call('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(res.text).toContain('<script src="/docs/scalar.js"></script>');
    expect(res.text).toContain('data-url="/api/openapi.json"');
    expect(res.text).not.toMatch(/https?:\/\//);
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self';");
  });
});

describe('the response checker', () => {
  it('passes an answer that matches the document', async () => {
    const c = await check();
    expect(() => c(json(404, { error: { code: 'NOT_FOUND', message: 'No such route' } }, 'GET', '/api/no-such-route'))).not.toThrow();
    expect(() => c({ method: 'GET', path: '/api/docs?x=1', status: 200, contentType: 'text/html; charset=UTF-8', text: '<!doctype html>' })).not.toThrow();
  });

  it('fails a status the operation does not list', async () => {
    const c = await check();
    expect(() => c(json(418, { error: { code: 'BAD_REQUEST', message: 'x' } }))).toThrow(/GET \/api\/openapi.json → 418: the OpenAPI document does not list this status/);
  });

  it('fails a body that does not match the schema, saying where', async () => {
    const c = await check();
    expect(() => c(json(500, { error: { code: 'INTERNAL' } }))).toThrow(/does not match the OpenAPI document[\s\S]*message/);
    expect(() => c(json(500, { error: { code: 'INTERNAL', message: 'x', stack: 'at y' } }))).toThrow(/does not match/);
    expect(() => c(json(500, { error: { code: 'NOT_FOUND', message: 'x' } }))).toThrow(/does not match/);
  });

  it('fails a success, or a non-error shape, from a route the document does not have', async () => {
    const c = await check();
    expect(() => c(json(200, { ok: true }, 'GET', '/api/no-such-route'))).toThrow(/no such operation/);
    expect(() => c(json(200, { ok: true }, 'PUT', '/api/openapi.json'))).toThrow(/no such operation/);
    expect(() => c(json(404, { message: 'Not found' }, 'GET', '/api/nope'))).toThrow(/not the contract's error shape/);
  });

  it('fails a media type the document does not list, and a body where it says none', async () => {
    const c = await check();
    expect(() => c({ method: 'GET', path: '/api/docs', status: 200, contentType: 'text/plain', text: 'hi' })).toThrow(/answered text\/plain/);
    expect(() => c({ method: 'GET', path: '/api/openapi.json', status: 200, contentType: 'application/json', text: '{' })).toThrow(/not JSON/);
  });
});
