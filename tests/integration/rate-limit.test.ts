/**
 * The per-client budget (API.md "Per client, too"): sign-up, password sign-in and
 * passkey sign-in from one address share wrangler.toml's AUTH_LIMITER (100 a minute
 * locally); past it → 429 RATE_LIMITED with Retry-After, whatever the account, while
 * other addresses go on. The window's end is watched on a 3-per-10-seconds binding
 * of the same kind (vitest.workers.config.ts), so the test waits seconds, not a minute.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { clientAddress, makeHarness } from './harness';
import { shardSum } from './shard-queries';

const h = makeHarness();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Local windows are aligned to the wall clock: start a burst early in one, so it fits. */
async function freshWindow(periodMs: number, needMs: number) {
  const left = periodMs - (Date.now() % periodMs);
  if (left < needMs) await sleep(left + 50);
}

const attempts = (harness: typeof h, ip: string) => [
  () => harness.call('POST', '/api/auth/signup', { body: { email: `r-${crypto.randomUUID()}@example.com`, password: 'correct horse battery', name: 'R' }, key: false, headers: { 'CF-Connecting-IP': ip } }),
  () => harness.call('POST', '/api/auth/login', { body: { email: `nobody-${crypto.randomUUID()}@example.com`, password: 'wrong password' }, key: false, headers: { 'CF-Connecting-IP': ip } }),
  () => harness.call('POST', '/api/auth/passkey', { body: { response: {} }, key: false, headers: { 'CF-Connecting-IP': ip } }),
];

describe('the per-client limit', () => {
  it('100 sign-ups and sign-ins a minute from one address, then 429 with Retry-After for any account; other addresses unaffected', { timeout: 60_000 }, async () => {
    await freshWindow(60_000, 20_000);
    const ip = clientAddress();
    const kinds = attempts(h, ip);
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await kinds[i % 3]!()).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([201, 401]));
    for (const kind of kinds) {
      const res = await kind();
      expect([res.status, res.json.error.code]).toEqual([429, 'RATE_LIMITED']);
      expect(res.headers.get('Retry-After')).toBe('60');
    }
    // Nothing was created past the limit.
    const users = await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE email LIKE 'r-%'`);
    expect(users?.n).toBe(34);
    expect((await attempts(h, clientAddress())[0]!()).status).toBe(201);
  });

  it('opens again when the window ends', { timeout: 30_000 }, async () => {
    const fast = makeHarness({ env: { AUTH_LIMITER: env.TEST_FAST_LIMITER } });
    await freshWindow(10_000, 4_000);
    const ip = clientAddress();
    const [signup, login] = attempts(fast, ip);
    for (let i = 0; i < 3; i++) expect((await login!()).status).toBe(401);
    expect((await signup!()).status).toBe(429);
    await sleep(10_000 - (Date.now() % 10_000) + 100);
    expect((await signup!()).status).toBe(201);
  });
});
