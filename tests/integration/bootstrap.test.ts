import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';

const h = makeHarness();

describe('GET /api/bootstrap', () => {
  it('returns exactly what the contract routes return, in one request', async () => {
    const u = await h.signUp();
    await h.deposit(u.token, 50_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'Mum' });
    await h.addBeneficiary(u.token, { phone: freshPhone(), active: false });
    expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } })).status).toBe(201);
    expect((await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: 5000, every: 'month' } })).status).toBe(201);

    const boot = await h.call('GET', '/api/bootstrap', { token: u.token });
    expect(boot.status).toBe(200);
    expect(boot.headers.get('Cache-Control')).toBe('no-store');
    const [me, options, limits, beneficiaries, transactions, schedules] = await Promise.all(
      ['/api/me', '/api/topups/options', '/api/limits', '/api/beneficiaries', '/api/transactions', '/api/schedules'].map((path) => h.call('GET', path, { token: u.token })),
    );
    expect(boot.json).toEqual({
      user: me!.json.user,
      options: options!.json,
      limits: limits!.json,
      beneficiaries: beneficiaries!.json.items,
      transactions: transactions!.json,
      schedules: schedules!.json,
    });
    expect(boot.json.schedules.items).toHaveLength(1);
    expect(boot.json.user.balance).toBe(47_900);
    expect(boot.json.beneficiaries[0]).toMatchObject({ id: b.id, month_used: 2000, active: true });
  });

  it('needs a live session', async () => {
    expect((await h.call('GET', '/api/bootstrap')).status).toBe(401);
    const u = await h.signUp();
    await h.call('POST', '/api/auth/logout', { token: u.token });
    expect((await h.call('GET', '/api/bootstrap', { token: u.token })).json.error.code).toBe('UNAUTHENTICATED');
  });
});
