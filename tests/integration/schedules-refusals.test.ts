/**
 * Refused scheduled runs debit nothing, record last_run "refused" with the code and
 * keep the schedule active for the next period; a run racing a manual top-up cannot
 * pass a limit together with it. Also: the consumer's acknowledgements and retries.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone } from './harness';
import { shardIdOf, shardSum, userDb } from './shard-queries';
import { makeScheduleKit } from './schedules-runner';
import { createJobs } from '../../worker/jobs/index';
import { createSimulator } from '../../worker/provider/provider';
import type { ApiSchedule } from '../../worker/contract/types';

const START = new Date('2026-11-16T06:00:00.000Z');
const { h, runner, scheduled, scheduleOf, balanceOf, topupsOf, runDue } = makeScheduleKit(START);

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

  // Each order made to happen, then both at once: whichever commits first, the other is refused.
  for (const order of ['manual first', 'run first', 'together'] as const) {
    it(`a run and a manual top-up at the limit cannot pass it together (${order})`, async () => {
      const { u, b, s } = await scheduled({ deposit: 100_000, amount: 5000 });
      // AED 450 used of the AED 500 unverified limit: room for exactly one more AED 50.
      for (const amount of [10_000, 10_000, 10_000, 10_000, 5000]) {
        expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount } })).status).toBe(201);
      }
      h.clock.now = new Date(START.getTime() + 60_000);
      const messages = (await runner.cron()).filter((m) => m.schedule_id === s.id);
      const manualTopup = () => h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 5000 } });
      let manual: Awaited<ReturnType<typeof manualTopup>>;
      if (order === 'manual first') {
        manual = await manualTopup();
        await runner.deliver(messages);
        expect(manual.status).toBe(201);
        expect((await scheduleOf(u.token, s.id))?.last_run).toMatchObject({ result: 'refused', code: 'BENEFICIARY_MONTHLY_LIMIT' });
      } else if (order === 'run first') {
        await runner.deliver(messages);
        manual = await manualTopup();
        expect([manual.status, manual.json.error?.code]).toEqual([409, 'BENEFICIARY_MONTHLY_LIMIT']);
      } else {
        [manual] = await Promise.all([manualTopup(), runner.deliver(messages)]);
      }
      const ran = await topupsOf(s.id);
      expect(ran.length + (manual.status === 201 ? 1 : 0)).toBe(1);
      const used = await shardSum<{ n: number }>(`SELECT SUM(amount) AS n FROM topups WHERE beneficiary_id = ? AND status IN ('pending', 'completed')`, b.id);
      expect(used?.n).toBe(50_000);
      if (ran.length === 0) expect((await scheduleOf(u.token, s.id))?.last_run).toMatchObject({ result: 'refused', code: 'BENEFICIARY_MONTHLY_LIMIT' });
      await expectLedgerConsistent();
    });
  }
});

describe('the consumer acknowledges and retries', () => {
  it('retries a message whose run failed (D1 down), moving nothing; the retry runs it once', async () => {
    const { u, s } = await scheduled({ deposit: 10_000 });
    h.clock.now = new Date(START.getTime() + 60_000);
    const messages = (await runner.cron()).filter((m) => m.schedule_id === s.id);
    // A database that refuses every batch: the run cannot have happened.
    const downShard = `SHARD_${await shardIdOf(u.user.id)}` as const;
    const down = new Proxy(await userDb(u.user.id), {
      get: (target, property) => (property === 'batch' ? () => Promise.reject(new Error('D1 is unavailable')) : Reflect.get(target, property, target) as unknown),
    });
    const jobs = createJobs({ now: () => new Date(h.clock.now), provider: () => createSimulator() });
    const batch = createMessageBatch('topup-schedule-runs', messages.map((body, i) => ({ id: `down-${i}`, timestamp: new Date(), attempts: 1, body })));
    const ctx = createExecutionContext();
    const error = console.error;
    console.error = () => {};
    try {
      await jobs.queue!(batch, { ...runner.bindings, [downShard]: down }, ctx);
    } finally {
      console.error = error;
    }
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['down-0']);
    expect(await topupsOf(s.id)).toEqual([]);
    expect(await balanceOf(u.token)).toBe(10_000);
    await runner.deliver(messages);
    expect(await topupsOf(s.id)).toHaveLength(1);
  });

  it('acknowledges (and drops) a message that can never be a run', async () => {
    const jobs = createJobs({ now: () => new Date(h.clock.now), provider: () => createSimulator() });
    const batch = createMessageBatch('topup-schedule-runs', [{ id: 'junk', timestamp: new Date(), attempts: 1, body: { schedule_id: 1, due: 'soon' } }]);
    const ctx = createExecutionContext();
    const error = console.error;
    console.error = () => {};
    try {
      await jobs.queue!(batch, runner.bindings, ctx);
    } finally {
      console.error = error;
    }
    expect(await getQueueResult(batch, ctx)).toMatchObject({ explicitAcks: ['junk'], retryMessages: [] });
  });
});
