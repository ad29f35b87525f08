import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeHarness } from './harness';

afterEach(() => vi.restoreAllMocks());

describe('configuration', () => {
  it('a missing secret is a clear error on the first request, never a silent default', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = makeHarness({ env: { JWT_SECRET: undefined } });
    const res = await h.call('GET', '/api/topups/options');
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong' } });
    expect(res.text).not.toContain('JWT_SECRET');
    expect(logged.mock.calls.flat().join(' ')).toContain('JWT_SECRET is missing');
  });

  it('a malformed limit is refused, not guessed', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = makeHarness({ env: { LIMIT_TOTAL_MONTHLY: '3,000' } });
    expect((await h.call('GET', '/api/topups/options')).status).toBe(500);
    expect(logged.mock.calls.flat().join(' ')).toContain('LIMIT_TOTAL_MONTHLY must be an integer');
  });

  it('limits and the fee come from configuration', async () => {
    const h = makeHarness({ env: { TOPUP_FEE: '150', LIMIT_TOTAL_MONTHLY: '100000', MAX_ACTIVE_BENEFICIARIES: '3' } });
    const res = await h.call('GET', '/api/topups/options');
    expect(res.json).toMatchObject({ fee: 150, limits: { total_monthly: 100000, max_active_beneficiaries: 3 } });
    const u = await h.signUp();
    for (let i = 0; i < 3; i++) await h.addBeneficiary(u.token, { phone: `+97150123450${i}` });
    const fourth = await h.call('POST', '/api/beneficiaries', { token: u.token, body: { nickname: 'Four', phone: '+971501234509', active: true } });
    expect(fourth.json.error.code).toBe('ACTIVE_LIMIT_REACHED');
  });
});
