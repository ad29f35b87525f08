/**
 * The per-client budget (API.md "Per client, too"): sign-up, password sign-in and
 * passkey sign-in from one address share wrangler.toml's AUTH_LIMITER (100 a minute
 * locally); past it → 429 RATE_LIMITED with Retry-After, whatever the account, while
 * other addresses go on. The window's end is a limiter whose windows the test ends
 * itself (the binding's contract: a count per key per window), so nothing waits on a clock.
 */
import { describe, expect, it } from 'vitest';
import { clientAddress, makeHarness } from './harness';
import { shardSum } from './shard-queries';

const h = makeHarness();

/**
 * The local binding counts in windows aligned to the wall clock (floor(now / period)): a burst
 * a window's end cuts in two proves nothing, so it is run again, from a fresh address, until
 * one ran inside a single window. No waiting: the second try starts just after a window began.
 */
async function inOneWindow<T>(periodMs: number, burst: (ip: string, attempt: number) => Promise<T>): Promise<T> {
  const windowNow = () => Math.floor(Date.now() / periodMs);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const started = windowNow();
    const result = await burst(clientAddress(), attempt);
    if (windowNow() === started) return result;
  }
  throw new Error(`three bursts in a row took longer than the ${periodMs / 1000}s window`);
}

/** A limiter as the binding behaves (`limit` per key per window), whose window ends when the test says. */
function windowedLimiter(limit: number) {
  const counts = new Map<string, number>();
  const limiter: RateLimit = {
    limit: async ({ key }) => {
      const used = counts.get(key) ?? 0;
      if (used >= limit) return { success: false };
      counts.set(key, used + 1);
      return { success: true };
    },
  };
  return { limiter, endWindow: () => counts.clear() };
}

const attempts = (harness: typeof h, ip: string, prefix = 'r') => [
  () => harness.call('POST', '/api/auth/signup', { body: { email: `${prefix}-${crypto.randomUUID()}@example.com`, password: 'correct horse battery', name: 'R' }, key: false, headers: { 'CF-Connecting-IP': ip } }),
  () => harness.call('POST', '/api/auth/login', { body: { email: `nobody-${crypto.randomUUID()}@example.com`, password: 'wrong password' }, key: false, headers: { 'CF-Connecting-IP': ip } }),
  () => harness.call('POST', '/api/auth/passkey', { body: { response: {} }, key: false, headers: { 'CF-Connecting-IP': ip } }),
];

describe('the per-client limit', () => {
  it('100 sign-ups and sign-ins a minute from one address, then 429 with Retry-After for any account; other addresses unaffected', { timeout: 240_000 }, async () => {
    const { statuses, refused, prefix } = await inOneWindow(60_000, async (ip, attempt) => {
      const prefix = `r${attempt}`;
      const kinds = attempts(h, ip, prefix);
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await kinds[i % 3]!()).status);
      const refused = [];
      for (const kind of kinds) {
        const res = await kind();
        refused.push([res.status, res.json.error?.code, res.headers.get('Retry-After')]);
      }
      return { statuses, refused, prefix };
    });
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([201, 401]));
    expect(refused).toEqual(Array(3).fill([429, 'RATE_LIMITED', '60']));
    // Nothing was created past the limit.
    const users = await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM users WHERE email LIKE '${prefix}-%'`);
    expect(users?.n).toBe(34);
    expect((await attempts(h, clientAddress())[0]!()).status).toBe(201);
  });

  it('opens again when the window ends', async () => {
    const { limiter, endWindow } = windowedLimiter(3);
    const fast = makeHarness({ env: { AUTH_LIMITER: limiter } });
    const ip = clientAddress();
    const [signup, login] = attempts(fast, ip);
    for (let i = 0; i < 3; i++) expect((await login!()).status).toBe(401);
    expect((await signup!()).status).toBe(429);
    // Still closed until the window ends; another address was never counted.
    expect((await signup!()).status).toBe(429);
    expect((await attempts(fast, clientAddress())[0]!()).status).toBe(201);
    endWindow();
    expect((await signup!()).status).toBe(201);
  });
});
