import { exports } from 'cloudflare:workers';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { makeHarness } from './harness';
import { ERROR_STATUS } from '../../worker/domain/errors';

const h = makeHarness();

/** Every answer a test gets, checked for leaks after that test (each test on its own answers). */
const seen: { what: string; text: string }[] = [];
async function call(...args: Parameters<typeof h.call>) {
  const res = await h.call(...args);
  seen.push({ what: `${args[0]} ${args[1]} → ${res.status}`, text: res.text });
  return res;
}

type Res = Awaited<ReturnType<typeof h.call>>;

/** The contract's error body: `{error: {code, message, details?}}`, the code matching the status. */
function expectContractError(res: Res, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
  expect(Object.keys(res.json)).toEqual(['error']);
  const { error } = res.json;
  expect(Object.keys(error).every((k: string) => ['code', 'message', 'details'].includes(k))).toBe(true);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(ERROR_STATUS[error.code as keyof typeof ERROR_STATUS]).toBe(status);
  if (code) expect(error.code).toBe(code);
}

/** A request through the Worker's real default export (what `wrangler deploy` ships). */
const mainFetch = async (request: Request) =>
  h.checked(request.method, new URL(request.url).pathname, await (exports as unknown as { default: { fetch: (request: Request) => Promise<Response> } }).default.fetch(request));

describe('GET /api/health', () => {
  it('answers 200 {ok: true, version, db: "ok"} without a session', async () => {
    const res = await call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, version: expect.any(String), db: 'ok' });
    expect(res.json.version.length).toBeGreaterThan(0);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers through the deployed entry point (Worker default export, assets config, real bindings)', async () => {
    const res = await mainFetch(new Request('https://topup.example/api/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String), db: 'ok' });
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const unknown = await mainFetch(new Request('https://topup.example/api/no-such-route'));
    expect(unknown.headers.get('Cache-Control')).toBe('no-store');
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 503 {ok: false} when the database does not answer, without leaking why', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const broken = makeHarness({ env: { SHARD_0: brokenDatabase(), SHARD_1: brokenDatabase() } });
      const res = await broken.call('GET', '/api/health');
      seen.push({ what: 'health with a broken database', text: res.text });
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ ok: false, version: expect.any(String), db: 'error' });
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    } finally {
      errors.mockRestore();
    }
  });
});

/** A D1 binding that fails every query with the kind of text a real failure carries. */
function brokenDatabase(): D1Database {
  const fail = () => {
    throw new Error('D1_ERROR: SQLITE_BUSY: database is locked while running SELECT "id" FROM "users" WHERE ...');
  };
  return { prepare: fail, batch: async () => fail(), exec: async () => fail(), dump: async () => fail(), withSession: fail };
}

describe('every /api answer', () => {
  it('has Cache-Control: no-store and, when refused, the contract error shape', async () => {
    const u = await h.signUp();
    const token = u.token;
    const cases: { req: Parameters<typeof h.call>; status: number; code?: string }[] = [
      { req: ['GET', '/api/topups/options'], status: 200 },
      { req: ['GET', '/api/me', { token }], status: 200 },
      { req: ['GET', '/api/me'], status: 401, code: 'UNAUTHENTICATED' },
      { req: ['GET', '/api/no-such-route', { token }], status: 404, code: 'NOT_FOUND' },
      { req: ['POST', '/api/no-such-route', { token, body: {} }], status: 404, code: 'NOT_FOUND' },
      { req: ['PUT', '/api/wallet/deposits', { token, body: { amount: 1000 } }], status: 404, code: 'NOT_FOUND' },
      { req: ['GET', '/api/wallet/deposits', { token }], status: 404, code: 'NOT_FOUND' },
      { req: ['GET', '/api/no-such-route'], status: 401, code: 'UNAUTHENTICATED' },
      { req: ['POST', '/api/wallet/deposits', { token, body: { amount: 1 } }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['POST', '/api/wallet/deposits', { token, body: { amount: 1000 }, key: false }], status: 400, code: 'BAD_REQUEST' },
      { req: ['POST', '/api/auth/login', { body: { email: u.email, password: 'nope-nope' } }], status: 401, code: 'INVALID_CREDENTIALS' },
      { req: ['POST', '/api/auth/signup', { body: { email: u.email, password: 'whatever1', name: 'X' }, key: false }], status: 409, code: 'EMAIL_TAKEN' },
      { req: ['GET', `/api/transactions?cursor=${'9'.repeat(16)}`, { token }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['PATCH', `/api/beneficiaries/${encodeURIComponent("x' OR 1=1; DROP TABLE users; --")}`, { token, body: { nickname: 'x' } }], status: 404, code: 'NOT_FOUND' },
      { req: ['GET', `/api/topups?beneficiary_id=${'x'.repeat(101)}`, { token }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['POST', '/api/topups', { token, body: { beneficiary_id: "'; SELECT * FROM users; --", amount: 500 } }], status: 404, code: 'NOT_FOUND' },
      { req: ['POST', '/api/beneficiaries', { token, body: { nickname: 'x', phone: '0501234567', id: "'); DROP TABLE beneficiaries; --" } }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['POST', '/api/beneficiaries', { token, body: [] }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['POST', '/api/beneficiaries', { token, body: 'null' }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['POST', '/api/beneficiaries', { token, body: '"text"' }], status: 422, code: 'VALIDATION_FAILED' },
      { req: ['POST', '/api/sync', { token, body: '{"actions": [', key: false }], status: 400, code: 'BAD_REQUEST' },
    ];
    for (const { req, status, code } of cases) {
      const res = await call(...req);
      const what = `${req[0]} ${req[1]}`;
      expect(res.status, what).toBe(status);
      expect(res.headers.get('Cache-Control'), what).toBe('no-store');
      if (status >= 400) expectContractError(res, status, code);
    }
  });

  it('is a bare 500 with no detail when something breaks inside, and logs it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const broken = makeHarness({ env: { SHARD_0: brokenDatabase(), SHARD_1: brokenDatabase() } });
      const u = await h.signUp();
      for (const [method, path, body] of [
        ['GET', '/api/me', undefined],
        ['POST', '/api/wallet/deposits', { amount: 1000 }],
        ['GET', '/api/beneficiaries', undefined],
      ] as const) {
        const res = await broken.call(method, path, { token: u.token, body });
        seen.push({ what: `${method} ${path} with a broken database`, text: res.text });
        expect(res.status).toBe(500);
        expect(res.json).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
        expect(res.headers.get('Cache-Control')).toBe('no-store');
      }
      expect(errors).toHaveBeenCalled();
      expect(String(errors.mock.calls[0]?.[0])).toContain('SQLITE_BUSY');
    } finally {
      errors.mockRestore();
    }
  });

  it('does not leak configuration errors either', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const misconfigured = makeHarness({ env: { JWT_SECRET: 'short' } });
      const res = await misconfigured.call('GET', '/api/topups/options');
      seen.push({ what: 'misconfigured', text: res.text });
      expect(res.status).toBe(500);
      expect(res.text).not.toContain('JWT_SECRET');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    } finally {
      errors.mockRestore();
    }
  });
});

describe('request hygiene', () => {
  it('refuses bodies over 16 KiB with 413 PAYLOAD_TOO_LARGE; 16 KiB exactly is read', async () => {
    const u = await h.signUp();
    const sized = (bytes: number) => {
      const shell = JSON.stringify({ amount: 1000, pad: '' });
      return JSON.stringify({ amount: 1000, pad: 'x'.repeat(bytes - shell.length) });
    };
    expect(new TextEncoder().encode(sized(16 * 1024)).length).toBe(16 * 1024);
    const exact = await call('POST', '/api/wallet/deposits', { token: u.token, body: sized(16 * 1024) });
    expect(exact.status).toBe(201);
    const over = await call('POST', '/api/wallet/deposits', { token: u.token, body: sized(16 * 1024 + 1) });
    expectContractError(over, 413, 'PAYLOAD_TOO_LARGE');
    expect(over.headers.get('Cache-Control')).toBe('no-store');
    const signup = await call('POST', '/api/auth/signup', { body: { email: 'big@example.com', password: 'x'.repeat(20_000), name: 'Big' }, key: false });
    expectContractError(signup, 413, 'PAYLOAD_TOO_LARGE');
    const sync = await call('POST', '/api/sync', {
      token: u.token,
      key: false,
      body: { actions: Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, method: 'POST', path: '/api/wallet/deposits', body: { amount: 1000, pad: 'x'.repeat(200) } })) },
    });
    expectContractError(sync, 413, 'PAYLOAD_TOO_LARGE');
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(1000);
    expect((await h.call('POST', '/api/auth/login', { body: { email: 'big@example.com', password: 'x'.repeat(20) } })).status).toBe(401);
  });

  it('refuses a streamed body over 16 KiB that carries no Content-Length', async () => {
    const u = await h.signUp();
    const chunk = new TextEncoder().encode(`{"amount": 1000, "pad": "${'x'.repeat(10_000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const res = await h.app.request(
      '/api/wallet/deposits',
      { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${u.token}`, 'Idempotency-Key': `s-${crypto.randomUUID()}` } },
      h.bindings,
    );
    await h.checked('POST', '/api/wallet/deposits', res);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(0);
  });

  it('refuses cross-site writes with 403 FORBIDDEN and changes nothing; same-origin writes pass', async () => {
    const u = await h.signUp();
    const cookie = { Cookie: `__Host-topup_session=${u.token}` };
    const crossSite: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'http://localhost.evil.example' },
    ];
    for (const headers of crossSite) {
      const res = await call('POST', '/api/wallet/deposits', { headers: { ...cookie, ...headers }, body: { amount: 1000 } });
      expectContractError(res, 403, 'FORBIDDEN');
      const del = await call('POST', '/api/auth/logout', { headers: { ...cookie, ...headers } });
      expect(del.status).toBe(403);
    }
    const login = await call('POST', '/api/auth/login', { headers: { Origin: 'https://evil.example' }, body: { email: u.email, password: u.password } });
    expectContractError(login, 403, 'FORBIDDEN');
    expect(login.headers.get('Set-Cookie')).toBeNull();
    expect((await call('GET', '/api/me', { headers: cookie })).json.user.balance).toBe(0);

    const sameOrigin: Record<string, string>[] = [{ Origin: 'http://localhost' }, { 'Sec-Fetch-Site': 'same-origin' }, { 'Sec-Fetch-Site': 'none' }, {}];
    for (const headers of sameOrigin) {
      expect((await call('POST', '/api/wallet/deposits', { headers: { ...cookie, ...headers }, body: { amount: 1000 } })).status).toBe(201);
    }
    expect((await call('GET', '/api/me', { headers: cookie })).json.user.balance).toBe(4000);
  });

  it('refuses a text/plain (or form) POST with 400 BAD_REQUEST, the classic CSRF shapes included', async () => {
    const u = await h.signUp();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'text/json']) {
      const res = await call('POST', '/api/wallet/deposits', { token: u.token, headers: { 'Content-Type': type }, body: '{"amount": 1000}' });
      expectContractError(res, 400, 'BAD_REQUEST');
    }
    expect((await call('POST', '/api/wallet/deposits', { token: u.token, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"amount": 1000}' })).status).toBe(201);
    expect((await call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(1000);
  });
});

// After each test, on that test's own answers (no test relies on another's data).
let checked = 0;
afterEach(() => {
  const answers = seen.splice(0);
  checked += answers.length;
  for (const { what, text } of answers) {
    expect(text, what).not.toMatch(/\bat .+[:(]\d+:\d+\)?/);
    expect(text, what).not.toMatch(/SQLITE/i);
    expect(text, what).not.toContain('SELECT');
    expect(text, what).not.toMatch(/D1_ERROR|drizzle|Error:/i);
  }
});
// The recording itself works: the file's tests together gave many answers to check.
afterAll(() => expect(checked).toBeGreaterThan(30));
