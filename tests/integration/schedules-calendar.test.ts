/**
 * Runs through the consumer, period after period (API.md "Runs"): a month keeps the day
 * of `starts_at` (or the month's last day), each run's top-up carries exactly the key
 * `schedule:<id>:<next_run_at>`, and a message for a period the schedule no longer has
 * (skipped by a pause and resume) does nothing, even though its key was never used, while
 * a first run that never happened stays due through a pause and resume.
 */
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent } from './harness';
import { shardRows } from './shard-queries';
import { makeScheduleKit } from './schedules-runner';

// 10:00 in Dubai on 31 January.
const START = new Date('2027-01-31T06:00:00.000Z');
const { h, runner, scheduled, scheduleOf, topupsOf, runDue } = makeScheduleKit(START);

const keysOf = async (scheduleId: string) =>
  (await shardRows<{ key: string }>(`SELECT idempotency_key AS key FROM topups WHERE schedule_id = ? ORDER BY created_at`, scheduleId)).map((r) => r.key);

describe('a monthly schedule through the consumer', () => {
  it('keeps the day of starts_at: 31 Jan → 28 Feb → 31 Mar → 30 Apr, one top-up each, keyed by its period', async () => {
    const { u, s } = await scheduled({ deposit: 20_000, every: 'month' });
    expect(s.next_run_at).toBe('2027-01-31T06:00:00.000Z');
    const periods = ['2027-01-31T06:00:00.000Z', '2027-02-28T06:00:00.000Z', '2027-03-31T06:00:00.000Z', '2027-04-30T06:00:00.000Z'];
    for (const [i, due] of periods.slice(0, 3).entries()) {
      await runDue(new Date(Date.parse(due) + 60_000));
      // Sessions last 30 days: sign in again to look.
      const token = (await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password }, key: false })).json.token;
      expect((await scheduleOf(token, s.id))?.next_run_at, `after the run due ${due}`).toBe(periods[i + 1]);
    }
    expect(await topupsOf(s.id)).toHaveLength(3);
    expect(await keysOf(s.id)).toEqual(periods.slice(0, 3).map((due) => `schedule:${s.id}:${due}`));
    await expectLedgerConsistent();
  });
});

describe('a message for a period the schedule no longer has', () => {
  it('does nothing: the next_run_at guard alone stops it (its key was never used)', async () => {
    const { u, s } = await scheduled({ deposit: 10_000, every: 'week' });
    await runDue();
    expect(await topupsOf(s.id)).toHaveLength(1);
    // The second period is sent, then skipped by a pause and resume before the message arrives.
    h.clock.now = new Date(START.getTime() + 7 * 24 * 3600_000 + 60_000);
    const stale = (await runner.cron()).filter((m) => m.schedule_id === s.id);
    expect(stale).toHaveLength(1);
    expect((await h.call('PATCH', `/api/schedules/${s.id}`, { token: u.token, body: { status: 'paused' } })).status).toBe(200);
    const resumed = await h.call('PATCH', `/api/schedules/${s.id}`, { token: u.token, body: { status: 'active' } });
    expect(resumed.json.schedule.next_run_at).toBe('2027-02-14T06:00:00.000Z');
    await runner.deliver(stale);
    expect(await topupsOf(s.id)).toHaveLength(1);
    expect(await scheduleOf(u.token, s.id)).toMatchObject({ status: 'active', next_run_at: '2027-02-14T06:00:00.000Z', last_run: { at: '2027-01-31T06:01:00.000Z' } });
  });
});

describe('pausing and resuming before the first run', () => {
  it('keeps the first run due (it runs at the next check, once), not a period later', async () => {
    const { u, s } = await scheduled({ deposit: 10_000, every: 'month' });
    h.clock.now = new Date(START.getTime() + 60_000);
    // The cron sent the first period just before the pause.
    const sent = (await runner.cron()).filter((m) => m.schedule_id === s.id);
    expect(sent).toHaveLength(1);
    expect((await h.call('PATCH', `/api/schedules/${s.id}`, { token: u.token, body: { status: 'paused' } })).status).toBe(200);
    h.clock.now = new Date(START.getTime() + 3 * 60_000);
    const resumed = await h.call('PATCH', `/api/schedules/${s.id}`, { token: u.token, body: { status: 'active' } });
    expect(resumed.json.schedule).toMatchObject({ status: 'active', next_run_at: '2027-01-31T06:00:00.000Z', last_run: null });
    // The message sent before the pause is for the period still planned: it runs it.
    await runner.deliver(sent);
    // A later cron pass finds nothing due: the first period ran once.
    expect(await runDue(new Date(START.getTime() + 5 * 60_000))).toEqual([]);
    expect(await topupsOf(s.id)).toHaveLength(1);
    expect(await keysOf(s.id)).toEqual([`schedule:${s.id}:2027-01-31T06:00:00.000Z`]);
    expect((await scheduleOf(u.token, s.id))?.next_run_at).toBe('2027-02-28T06:00:00.000Z');
    await expectLedgerConsistent();
  });
});
