/**
 * Values of the contract no other file pins exactly: GET /api/limits after known
 * top-ups, the exact key sets and timestamps of `topup` and `beneficiary`
 * (login's rules are in login.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { freshPhone, makeHarness } from './harness';
import { expectConsole } from '../shared/console-guard';
import type { ApiLimits, ApiTopup } from '../../worker/contract/types';
import type { TelecomProvider } from '../../worker/provider/provider';

describe('GET /api/limits', () => {
  it('reports verified, the time zone and each beneficiary’s used, limit and remaining after known top-ups', async () => {
    expectConsole(/provider gave no answer/);
    const never: TelecomProvider = { send: () => new Promise<never>(() => {}), lookup: async () => ({ status: 'unknown' }) };
    const h = makeHarness({ now: new Date('2026-10-31T19:59:59.000Z') }); // October in Dubai, one second before November
    const u = await h.signUp();
    await h.deposit(u.token, 100_000);
    const a = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'A' });
    const b = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'B' });
    const declined = await h.addBeneficiary(u.token, { phone: '+971501230000', nickname: 'Declined' });
    const gone = await h.addBeneficiary(u.token, { phone: freshPhone(), nickname: 'Gone' });
    const topUp = async (id: string, amount: number, harness = h) =>
      (await harness.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: id, amount } })).json.topup as ApiTopup;

    expect((await topUp(a.id, 10_000)).status).toBe('completed'); // October: not this month's
    h.clock.now = new Date('2026-10-31T20:00:00.000Z'); // November 1st, 00:00 in Dubai
    expect((await topUp(a.id, 2000)).status).toBe('completed');
    h.clock.now = new Date('2026-11-15T10:00:00.000Z');
    expect((await topUp(a.id, 500)).status).toBe('completed');
    expect((await topUp(b.id, 1000)).status).toBe('completed');
    expect((await topUp(declined.id, 5000)).status).toBe('failed'); // refunded: does not count
    expect((await topUp(gone.id, 3000)).status).toBe('completed');
    expect((await h.call('DELETE', `/api/beneficiaries/${gone.id}`, { token: u.token })).status).toBe(204);
    const hanging = makeHarness({ now: h.clock.now, provider: never });
    expect((await topUp(b.id, 7500, hanging)).status).toBe('pending'); // pending counts

    const limits = (await h.call('GET', '/api/limits', { token: u.token })).json as ApiLimits;
    const sorted = (items: ApiLimits['beneficiaries']) => [...items].sort((x, y) => x.id.localeCompare(y.id));
    expect({ ...limits, beneficiaries: sorted(limits.beneficiaries) }).toEqual({
      month: '2026-11',
      time_zone: 'Asia/Dubai',
      verified: false,
      // The deleted beneficiary's top-up still counts in the total, though it is no longer listed.
      total: { used: 2000 + 500 + 1000 + 3000 + 7500, limit: 300_000, remaining: 300_000 - 14_000 },
      beneficiaries: sorted([
        { id: a.id, used: 2500, limit: 50_000, remaining: 47_500 },
        { id: b.id, used: 8500, limit: 50_000, remaining: 41_500 },
        { id: declined.id, used: 0, limit: 50_000, remaining: 50_000 },
      ]),
    });

    await h.verify(u.token);
    const verified = (await h.call('GET', '/api/limits', { token: u.token })).json as ApiLimits;
    expect(verified.verified).toBe(true);
    expect(verified.beneficiaries.find((x) => x.id === a.id)).toEqual({ id: a.id, used: 2500, limit: 100_000, remaining: 97_500 });
  });
});

describe('exact shapes', () => {
  it('a top-up has exactly the contract’s keys; created_at is the request’s time, completed_at the provider’s answer’s', async () => {
    // The provider answers three seconds later by the app's clock.
    let clock = { now: new Date() };
    const slow: TelecomProvider = {
      send: async (request) => {
        clock.now = new Date(clock.now.getTime() + 3000);
        return { status: 'completed', providerRef: `REF-${request.topupId.slice(0, 8)}` };
      },
      lookup: async () => ({ status: 'unknown' }),
    };
    const h = makeHarness({ now: new Date('2026-11-15T10:00:00.000Z'), provider: slow });
    clock = h.clock;
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const res = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(['balance', 'topup']);
    expect(Object.keys(res.json.topup).sort()).toEqual(
      ['id', 'beneficiary_id', 'phone', 'amount', 'fee', 'status', 'failure_code', 'provider_ref', 'created_at', 'completed_at', 'schedule_id'].sort(),
    );
    expect(res.json.topup).toEqual({
      id: expect.any(String),
      beneficiary_id: b.id,
      phone: b.phone,
      amount: 2000,
      fee: 100,
      status: 'completed',
      failure_code: null,
      provider_ref: `REF-${res.json.topup.id.slice(0, 8)}`,
      created_at: '2026-11-15T10:00:00.000Z',
      completed_at: '2026-11-15T10:00:03.000Z',
      schedule_id: null,
    });
    const listed = (await h.call('GET', '/api/topups', { token: u.token })).json.items[0];
    expect(listed).toEqual(res.json.topup);
  });

  it('a beneficiary has exactly the contract’s keys; created_at stays, updated_at follows each change', async () => {
    const h = makeHarness({ now: new Date('2026-11-15T10:00:00.000Z') });
    const u = await h.signUp();
    const created = await h.addBeneficiary(u.token, { phone: '050 123 4567', nickname: 'Mum' });
    expect(created).toEqual({
      id: expect.any(String),
      nickname: 'Mum',
      phone: '+971501234567',
      active: true,
      operator: 'etisalat',
      month_used: 0,
      month_limit: 50_000,
      created_at: '2026-11-15T10:00:00.000Z',
      updated_at: '2026-11-15T10:00:00.000Z',
    });
    h.clock.now = new Date('2026-11-16T08:30:00.000Z');
    const renamed = await h.call('PATCH', `/api/beneficiaries/${created.id}`, { token: u.token, body: { nickname: 'Mama' } });
    expect(renamed.json.beneficiary).toEqual({ ...created, nickname: 'Mama', updated_at: '2026-11-16T08:30:00.000Z' });
    expect((await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items).toEqual([renamed.json.beneficiary]);
  });
});
