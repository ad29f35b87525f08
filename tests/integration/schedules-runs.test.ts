/**
 * Scheduled runs through the cron and the queue consumer, against the real D1:
 * exactly one top-up per period whatever the duplication, refusals that move no
 * money, limits that hold against a racing manual top-up.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { makeRunner } from './schedules-runner';
import type { ApiSchedule } from '../../worker/domain/contract';

const START = new Date('2026-11-16T06:00:00.000Z');
const h = makeHarness({ now: START });
const runner = makeRunner(h);

async function scheduled(opts: { deposit?: number; amount?: number; every?: 'week' | 'month'; phone?: string } = {}) {
  h.clock.now = START;
  const u = await h.signUp();
  if (opts.deposit) await h.deposit(u.token, opts.deposit);
  const b = await h.addBeneficiary(u.token, { phone: opts.phone ?? freshPhone() });
  const res = await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: opts.amount ?? 2000, every: opts.every ?? 'week' } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { u, b, s: res.json.schedule as ApiSchedule };
}

const scheduleOf = async (token: string, id: string) =>
  ((await h.call('GET', '/api/schedules', { token })).json.items as ApiSchedule[]).find((s) => s.id === id);
const balanceOf = async (token: string) => (await h.call('GET', '/api/me', { token })).json.user.balance as number;
const topupsOf = async (scheduleId: string) =>
  (await env.DB.prepare('SELECT id, status, amount FROM topups WHERE schedule_id = ?').bind(scheduleId).all<{ id: string; status: string; amount: number }>()).results;

/** Moves the clock past the due time and runs one cron pass plus its deliveries. */
async function runDue(at = new Date(START.getTime() + 60_000)) {
  h.clock.now = at;
  const messages = await runner.cron();
  if (messages.length > 0) await runner.deliver(messages);
  return messages;
}

describe('a scheduled run', () => {
  it('is a top-up with its schedule_id, in /api/topups and /api/transactions, and moves to the next week', async () => {
    const { u, b, s } = await scheduled({ deposit: 10_000 });
    const messages = await runDue();
    expect(messages.filter((m) => m.schedule_id === s.id)).toEqual([
      { schedule_id: s.id, user_id: u.user.id, due: s.next_run_at, beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: s.starts_at },
    ]);
    const [topup] = await topupsOf(s.id);
    expect(topup).toMatchObject({ status: 'completed', amount: 2000 });
    expect(await balanceOf(u.token)).toBe(10_000 - 2100);
    const after = await scheduleOf(u.token, s.id);
    expect(after).toMatchObject({ status: 'active', next_run_at: '2026-11-23T06:00:00.000Z', last_run: { at: '2026-11-16T06:01:00.000Z', result: 'completed', code: null, topup_id: topup!.id } });
    const listed = (await h.call('GET', '/api/topups', { token: u.token })).json.items;
    expect(listed[0]).toMatchObject({ id: topup!.id, schedule_id: s.id, beneficiary_id: b.id, status: 'completed' });
    const txs = (await h.call('GET', '/api/transactions', { token: u.token })).json.items;
    expect(txs[0]).toMatchObject({ kind: 'topup', amount: -2000, fee: 100, beneficiary_id: b.id });
    // Not due again until next week.
    expect((await runDue(new Date('2026-11-23T05:59:00.000Z'))).filter((m) => m.schedule_id === s.id)).toEqual([]);
    await expectLedgerConsistent();
  });

  it('records a provider decline as failed with its code, refunded', async () => {
    const { u, s } = await scheduled({ deposit: 5000, phone: '+971551230000' });
    await runDue();
    expect((await scheduleOf(u.token, s.id))?.last_run).toMatchObject({ result: 'failed', code: 'PROVIDER_DECLINED' });
    expect(await balanceOf(u.token)).toBe(5000);
    await expectLedgerConsistent();
  });

  it('after an outage of three periods runs once, and next_run_at moves past now', async () => {
    const { u, s } = await scheduled({ deposit: 20_000 });
    await runDue(new Date('2026-12-08T12:00:00.000Z'));
    expect(await topupsOf(s.id)).toHaveLength(1);
    expect((await scheduleOf(u.token, s.id))?.next_run_at).toBe('2026-12-14T06:00:00.000Z');
    await runDue(new Date('2026-12-08T12:05:00.000Z'));
    expect(await topupsOf(s.id)).toHaveLength(1);
  });

  it('a paused schedule is not sent, and a message sent before the pause does nothing', async () => {
    const { u, s } = await scheduled({ deposit: 10_000 });
    h.clock.now = new Date(START.getTime() + 60_000);
    const messages = (await runner.cron()).filter((m) => m.schedule_id === s.id);
    expect((await h.call('PATCH', `/api/schedules/${s.id}`, { token: u.token, body: { status: 'paused' } })).status).toBe(200);
    await runner.deliver(messages);
    expect((await runner.cron()).filter((m) => m.schedule_id === s.id)).toEqual([]);
    expect(await topupsOf(s.id)).toEqual([]);
    expect(await balanceOf(u.token)).toBe(10_000);
  });

  it('a message sent before the amount changed runs the schedule as it is now', async () => {
    const { u, s } = await scheduled({ deposit: 10_000 });
    h.clock.now = new Date(START.getTime() + 60_000);
    const messages = (await runner.cron()).filter((m) => m.schedule_id === s.id);
    expect((await h.call('PATCH', `/api/schedules/${s.id}`, { token: u.token, body: { amount: 500 } })).status).toBe(200);
    await runner.deliver(messages);
    expect(await topupsOf(s.id)).toMatchObject([{ amount: 500 }]);
  });
});

describe('at most one top-up per period', () => {
  it('10 concurrent cron invocations over the same due schedules: exactly one top-up per schedule', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => scheduled({ deposit: 10_000 })));
    h.clock.now = new Date(START.getTime() + 60_000);
    const before = runner.sent.length;
    await Promise.all(Array.from({ length: 10 }, () => runner.cron()));
    const ours = runner.sent.slice(before).filter((m) => users.some((x) => x.s.id === m.schedule_id));
    expect(ours.length).toBe(60);
    // Every copy delivered, in concurrent batches of 10, as the queue would.
    const batches = Array.from({ length: 6 }, (_, i) => ours.slice(i * 10, i * 10 + 10));
    await Promise.all(batches.map((batch) => runner.deliver(batch)));
    for (const { u, s } of users) {
      expect(await topupsOf(s.id)).toHaveLength(1);
      expect(await balanceOf(u.token)).toBe(10_000 - 2100);
      expect((await scheduleOf(u.token, s.id))?.next_run_at).toBe('2026-11-23T06:00:00.000Z');
    }
    await expectLedgerConsistent();
  });

  it('a message delivered twice (one after the other, and at once) makes one top-up', async () => {
    const { u, s } = await scheduled({ deposit: 10_000 });
    h.clock.now = new Date(START.getTime() + 60_000);
    const [message] = (await runner.cron()).filter((m) => m.schedule_id === s.id);
    await runner.deliver([message!]);
    await runner.deliver([message!]);
    await Promise.all([runner.deliver([message!]), runner.deliver([message!, message!])]);
    expect(await topupsOf(s.id)).toHaveLength(1);
    expect(await balanceOf(u.token)).toBe(10_000 - 2100);
    await expectLedgerConsistent();
  });
});

describe('refused runs debit nothing, record the code, and keep the schedule', () => {
  async function expectRefusedRun(u: { token: string }, s: ApiSchedule, code: string, balance: number) {
    const after = await scheduleOf(u.token, s.id);
    expect(after).toMatchObject({ status: 'active', next_run_at: '2026-11-23T06:00:00.000Z', last_run: { at: '2026-11-16T06:01:00.000Z', result: 'refused', code, topup_id: null } });
    expect(await topupsOf(s.id)).toEqual([]);
    expect(await balanceOf(u.token)).toBe(balance);
  }

  it('INSUFFICIENT_BALANCE', async () => {
    const { u, s } = await scheduled({ deposit: 2099 });
    await runDue();
    await expectRefusedRun(u, s, 'INSUFFICIENT_BALANCE', 2099);
  });

  it('BENEFICIARY_MONTHLY_LIMIT', async () => {
    const { u, b, s } = await scheduled({ deposit: 100_000 });
    for (let i = 0; i < 5; i++) expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 10_000 } })).status).toBe(201);
    await runDue();
    await expectRefusedRun(u, s, 'BENEFICIARY_MONTHLY_LIMIT', 100_000 - 5 * 10_100);
  });

  it('MONTHLY_LIMIT', async () => {
    const { u, s } = await scheduled({ deposit: 400_000 });
    await h.verify(u.token);
    // 3 beneficiaries × AED 1,000 fill the month's AED 3,000.
    for (let n = 0; n < 3; n++) {
      const other = await h.addBeneficiary(u.token, { phone: freshPhone() });
      for (let i = 0; i < 10; i++) expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: other.id, amount: 10_000 } })).status).toBe(201);
    }
    await runDue();
    await expectRefusedRun(u, s, 'MONTHLY_LIMIT', 400_000 - 30 * 10_100);
  });

  it('BENEFICIARY_INACTIVE, until the beneficiary is active again', async () => {
    const { u, b, s } = await scheduled({ deposit: 10_000 });
    expect((await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token: u.token, body: { active: false } })).status).toBe(200);
    await runDue();
    await expectRefusedRun(u, s, 'BENEFICIARY_INACTIVE', 10_000);
    // A second delivery of the refused period does nothing more.
    expect((await h.call('PATCH', `/api/beneficiaries/${b.id}`, { token: u.token, body: { active: true } })).status).toBe(200);
    await runner.deliver(runner.sent.filter((m) => m.schedule_id === s.id));
    expect(await topupsOf(s.id)).toEqual([]);
    await runDue(new Date('2026-11-23T06:01:00.000Z'));
    expect(await topupsOf(s.id)).toHaveLength(1);
    await expectLedgerConsistent();
  });

  it('a run racing a manual top-up cannot pass the limit together with it', async () => {
    for (let round = 0; round < 4; round++) {
      const { u, b, s } = await scheduled({ deposit: 100_000, amount: 5000 });
      // AED 450 used of the AED 500 unverified limit: room for exactly one more AED 50.
      for (const amount of [10_000, 10_000, 10_000, 10_000, 5000]) {
        expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount } })).status).toBe(201);
      }
      h.clock.now = new Date(START.getTime() + 60_000);
      const messages = (await runner.cron()).filter((m) => m.schedule_id === s.id);
      const [manual] = await Promise.all([
        h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 5000 } }),
        runner.deliver(messages),
      ]);
      const ran = await topupsOf(s.id);
      expect(ran.length + (manual.status === 201 ? 1 : 0)).toBe(1);
      const used = await env.DB.prepare(`SELECT SUM(amount) AS n FROM topups WHERE beneficiary_id = ? AND status IN ('pending', 'completed')`).bind(b.id).first<{ n: number }>();
      expect(used?.n).toBe(50_000);
      if (ran.length === 0) expect((await scheduleOf(u.token, s.id))?.last_run).toMatchObject({ result: 'refused', code: 'BENEFICIARY_MONTHLY_LIMIT' });
    }
    await expectLedgerConsistent();
  });
});
