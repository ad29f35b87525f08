/**
 * Scheduled runs through the cron and the queue consumer, against the real D1:
 * a run is a top-up with its schedule_id, exactly one per period whatever the
 * duplication (overlapping crons, redeliveries).
 */
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent } from './harness';
import { shardIdOf } from './shard-queries';
import { makeScheduleKit } from './schedules-runner';

const START = new Date('2026-11-16T06:00:00.000Z');
const { h, runner, scheduled, scheduleOf, balanceOf, topupsOf, runDue } = makeScheduleKit(START);

describe('a scheduled run', () => {
  it('is a top-up with its schedule_id, in /api/topups and /api/transactions, and moves to the next week', async () => {
    const { u, b, s } = await scheduled({ deposit: 10_000 });
    const messages = await runDue();
    expect(messages.filter((m) => m.schedule_id === s.id)).toEqual([
      // The message names the user's shard: the consumer runs it there.
      { schedule_id: s.id, user_id: u.user.id, due: s.next_run_at, beneficiary_id: b.id, amount: 2000, every: 'week', starts_at: s.starts_at, shard: await shardIdOf(u.user.id) },
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
