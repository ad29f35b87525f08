/** An auto top-up's terms before saving: when it runs, and what would refuse it (a warning, not a refusal). */
import { describe, expect, it } from 'vitest';
import type { ApiSchedule } from '../../../worker/contract/types';
import { usage } from '../../../worker/domain/money';
import { schedulePlan, scheduleWarning } from '../../../app/lib/schedule-terms';

// Monday 7 Dec 2026, 10:00 in Dubai.
const NOW = new Date('2026-12-07T06:00:00.000Z');
const iso = (d: Date | null) => d?.toISOString() ?? null;

function schedule(over: Partial<ApiSchedule> = {}): ApiSchedule {
  return {
    id: 's',
    beneficiary_id: 'b',
    amount: 2000,
    every: 'month',
    starts_at: '2026-11-20T06:00:00.000Z',
    next_run_at: '2026-12-20T06:00:00.000Z',
    status: 'active',
    last_run: { at: '2026-11-20T06:01:00.000Z', result: 'completed', code: null, topup_id: 't' },
    created_at: '2026-11-20T06:00:00.000Z',
    updated_at: '2026-11-20T06:00:00.000Z',
    ...over,
  };
}

describe('schedulePlan', () => {
  it('a new one runs now (or once back online), then a period later; weekly runs are counted to the month end', () => {
    expect(schedulePlan(null, 'month', NOW, true)).toEqual({ first: NOW, then: new Date('2027-01-07T06:00:00.000Z'), runsThisMonth: 1 });
    const weekly = schedulePlan(null, 'week', NOW, true);
    expect([iso(weekly.then), weekly.runsThisMonth]).toEqual(['2026-12-14T06:00:00.000Z', 4]);
    expect(schedulePlan(null, 'week', NOW, false)).toEqual({ first: null, then: null, runsThisMonth: 0 });
  });

  it('a change keeps the planned run; a run whose time has passed is due now, never shown in the past', () => {
    const planned = schedulePlan(schedule(), 'month', NOW, false);
    expect([iso(planned.first), iso(planned.then), planned.runsThisMonth]).toEqual(['2026-12-20T06:00:00.000Z', '2027-01-20T06:00:00.000Z', 1]);
    const late = schedulePlan(schedule({ next_run_at: '2026-12-07T05:55:00.000Z', starts_at: '2026-11-07T05:55:00.000Z' }), 'month', NOW, true);
    expect(iso(late.first)).toBe(iso(NOW));
    // Next month's run only: none this month.
    expect(schedulePlan(schedule({ next_run_at: '2027-01-02T06:00:00.000Z', starts_at: '2026-12-02T06:00:00.000Z' }), 'month', NOW, true).runsThisMonth).toBe(0);
  });
});

describe('scheduleWarning', () => {
  const ok = { amount: 2000, fee: 100, balance: 10_000, mine: usage(0, 50_000), total: usage(0, 300_000), runsThisMonth: 1 };

  it('says nothing when every run of this month fits', () => {
    expect(scheduleWarning(ok)).toBeNull();
    expect(scheduleWarning({ ...ok, amount: 10_000, balance: 20_000, runsThisMonth: 4, mine: usage(0, 50_000) })).toBeNull();
  });

  it("names what would refuse the first run, in the server's order", () => {
    expect(scheduleWarning({ ...ok, mine: usage(49_000, 50_000) })).toEqual({ kind: 'mine', left: 1000 });
    expect(scheduleWarning({ ...ok, total: usage(299_000, 300_000) })).toEqual({ kind: 'total', left: 1000 });
    expect(scheduleWarning({ ...ok, balance: 2099 })).toEqual({ kind: 'balance', left: 2099 });
    // A limit reached this month does not refuse a first run next month; the balance still counts.
    expect(scheduleWarning({ ...ok, mine: usage(50_000, 50_000), runsThisMonth: 0 })).toBeNull();
    expect(scheduleWarning({ ...ok, balance: 0, runsThisMonth: 0 })).toEqual({ kind: 'balance', left: 0 });
  });

  it('warns when later weekly runs of this month would go past what is left', () => {
    expect(scheduleWarning({ ...ok, amount: 10_000, balance: 20_000, runsThisMonth: 4, mine: usage(20_000, 50_000) })).toEqual({ kind: 'later', left: 30_000 });
  });
});
