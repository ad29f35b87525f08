/**
 * Sign-in rules no other file pins: an unknown email and a wrong password get the
 * same answer after the same work (the password hash runs in both cases, seen by
 * watching WebCrypto, not by timing); the lockout window slides (the oldest
 * failure drops out at 15 minutes); SIMULATED_KYC unset means verification is off.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeHarness } from './harness';

const PASSWORD = 'correct horse battery';
const login = (h: ReturnType<typeof makeHarness>, email: string, password: string) => h.call('POST', '/api/auth/login', { body: { email, password } });

afterEach(() => vi.restoreAllMocks());

describe('an unknown email and a wrong password', () => {
  it('get the same answer, and both run the password hash with the same cost', async () => {
    const h = makeHarness();
    const u = await h.signUp();
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    const work = async (email: string, password: string) => {
      derive.mockClear();
      const res = await login(h, email, password);
      const runs = derive.mock.calls.map(([algorithm]) => {
        const { name, iterations, hash } = algorithm as Pbkdf2Params;
        return { name, iterations, hash };
      });
      return { res, runs };
    };
    const wrong = await work(u.email, 'not the password');
    const unknown = await work(`nobody-${crypto.randomUUID()}@example.com`, 'not the password');
    const right = await work(u.email, PASSWORD);

    expect([wrong.res.status, unknown.res.status, right.res.status]).toEqual([401, 401, 200]);
    expect(unknown.res.text).toBe(wrong.res.text);
    expect(wrong.runs).toEqual([{ name: 'PBKDF2', iterations: 1000, hash: 'SHA-256' }]);
    expect(unknown.runs).toEqual(wrong.runs);
    expect(right.runs).toEqual(wrong.runs);
  });
});

describe('the lockout window', () => {
  it('slides: each failure stops counting 15 minutes after it was made', async () => {
    const h = makeHarness({ now: new Date('2026-11-15T10:00:00.000Z') });
    const u = await h.signUp();
    const at = (minutes: number) => (h.clock.now = new Date(Date.parse('2026-11-15T10:00:00.000Z') + minutes * 60_000));
    // Ten failures spread over 13.5 minutes: 0, 1.5, 3, … 13.5.
    for (let i = 0; i < 10; i++) {
      at(i * 1.5);
      expect((await login(h, u.email, `wrong-${i}`)).status, `failure ${i + 1}`).toBe(401);
    }
    at(14);
    const blocked = await login(h, u.email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('Retry-After')).toBe('60'); // the first failure leaves the window at 15:00
    at(15 - 1 / 60_000);
    expect((await login(h, u.email, PASSWORD)).status).toBe(429);

    // At 15:00 the first failure is out: one more attempt is counted (and fails), filling the window again.
    at(15);
    expect((await login(h, u.email, 'wrong-again')).status).toBe(401);
    at(15.5);
    const again = await login(h, u.email, PASSWORD);
    expect(again.status).toBe(429);
    expect(again.headers.get('Retry-After')).toBe('60'); // the second failure (1.5) leaves at 16:30
    at(16.5);
    expect((await login(h, u.email, PASSWORD)).status).toBe(200);
  });
});

describe('SIMULATED_KYC', () => {
  it('unset: verification is 403 FORBIDDEN and changes nothing (only "on" turns it on)', async () => {
    const unset = makeHarness({ env: { SIMULATED_KYC: undefined } });
    expect(unset.bindings.SIMULATED_KYC).toBeUndefined();
    const u = await unset.signUp();
    const res = await unset.call('POST', '/api/me/verification', { token: u.token });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect((await unset.call('GET', '/api/me', { token: u.token })).json.user.verified).toBe(false);
    for (const value of ['ON', 'true', '1', '']) {
      const other = makeHarness({ env: { SIMULATED_KYC: value } });
      expect((await other.call('POST', '/api/me/verification', { token: u.token })).status, value).toBe(403);
    }
  });
});
