import { describe, expect, it } from 'vitest';
import { nextOccurrence, nextRunAfter, occurrence, occurrenceFrom, rescheduled, startsAtProblem } from '../../worker/domain/schedule';

const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('monthly occurrences (Asia/Dubai)', () => {
  // 31 Jan 2027 09:00 in Dubai = 05:00Z.
  const jan31 = d('2027-01-31T05:00:00.000Z');

  it('keeps the day of starts_at, clamped to the month end, without drift', () => {
    const runs = [0, 1, 2, 3, 4, 5].map((n) => iso(occurrence(jan31, 'month', n)));
    expect(runs).toEqual([
      '2027-01-31T05:00:00.000Z',
      '2027-02-28T05:00:00.000Z',
      '2027-03-31T05:00:00.000Z',
      '2027-04-30T05:00:00.000Z',
      '2027-05-31T05:00:00.000Z',
      '2027-06-30T05:00:00.000Z',
    ]);
  });

  it('uses 29 February in a leap year and crosses the year end', () => {
    const start = d('2027-12-31T05:00:00.000Z');
    expect(iso(occurrence(start, 'month', 1))).toBe('2028-01-31T05:00:00.000Z');
    expect(iso(occurrence(start, 'month', 2))).toBe('2028-02-29T05:00:00.000Z');
    expect(iso(occurrence(start, 'month', 3))).toBe('2028-03-31T05:00:00.000Z');
    expect(iso(occurrence(d('2028-02-29T05:00:00.000Z'), 'month', 12))).toBe('2029-02-28T05:00:00.000Z');
    expect(iso(occurrence(d('2028-02-29T05:00:00.000Z'), 'month', 13))).toBe('2029-03-29T05:00:00.000Z');
  });

  it('counts the day in Dubai, not in UTC: 00:30 on the 1st in Dubai is the 30th/31st in UTC', () => {
    // 1 Dec 2026 00:30 Dubai = 30 Nov 2026 20:30Z. Monthly: 1 Jan 00:30 Dubai, 1 Feb …
    const start = d('2026-11-30T20:30:00.000Z');
    expect(iso(occurrence(start, 'month', 1))).toBe('2026-12-31T20:30:00.000Z');
    expect(iso(occurrence(start, 'month', 2))).toBe('2027-01-31T20:30:00.000Z');
    expect(iso(occurrence(start, 'month', 3))).toBe('2027-02-28T20:30:00.000Z');
    // 31 Jan 23:30 Dubai (19:30Z): February clamps to the 28th in Dubai.
    expect(iso(occurrence(d('2027-01-31T19:30:00.000Z'), 'month', 1))).toBe('2027-02-28T19:30:00.000Z');
  });
});

describe('next occurrence', () => {
  const start = d('2026-12-07T06:00:00.000Z');

  it('is strictly after now, starts_at itself while it has not come', () => {
    expect(iso(nextOccurrence(start, 'week', d('2026-12-01T00:00:00.000Z')))).toBe(iso(start));
    expect(iso(nextOccurrence(start, 'week', start))).toBe('2026-12-14T06:00:00.000Z');
    expect(iso(nextOccurrence(start, 'week', d('2026-12-14T05:59:59.999Z')))).toBe('2026-12-14T06:00:00.000Z');
    expect(iso(nextOccurrence(start, 'month', start))).toBe('2027-01-07T06:00:00.000Z');
    expect(iso(occurrenceFrom(start, 'month', d('2027-01-07T06:00:00.000Z')))).toBe('2027-01-07T06:00:00.000Z');
  });

  it('after a cron outage of three periods, runs once and moves to the next future period (no burst)', () => {
    // Due 7 Dec; the runner was down until 4 Jan, 10:00Z (3 weekly periods missed: 7, 14, 21, 28 Dec due).
    const now = d('2027-01-04T10:00:00.000Z');
    expect(iso(nextRunAfter(start, 'week', start, now))).toBe('2027-01-11T06:00:00.000Z');
    // Monthly, due 31 Jan, down until 2 May: the next is 31 May, not 28 Feb.
    const jan31 = d('2027-01-31T05:00:00.000Z');
    expect(iso(nextRunAfter(jan31, 'month', jan31, d('2027-05-02T00:00:00.000Z')))).toBe('2027-05-31T05:00:00.000Z');
  });

  it('after an on-time run, moves exactly one period', () => {
    const ranAt = new Date(start.getTime() + 3 * 60_000);
    expect(iso(nextRunAfter(start, 'week', start, ranAt))).toBe('2026-12-14T06:00:00.000Z');
    const feb = d('2027-02-28T05:00:00.000Z');
    const jan31 = d('2027-01-31T05:00:00.000Z');
    expect(iso(nextRunAfter(jan31, 'month', feb, new Date(feb.getTime() + 60_000)))).toBe('2027-03-31T05:00:00.000Z');
  });
});

describe('resuming a paused schedule', () => {
  const startsAt = '2026-12-07T06:00:00.000Z';
  const paused = { startsAt, every: 'month' as const, nextRunAt: startsAt, status: 'paused' as const };
  const resume = { status: 'active' as const };

  it('keeps a first run that never happened while its period lasts: it is due now, not a month away', () => {
    expect(rescheduled({ ...paused, lastRunAt: null }, resume, d('2026-12-07T06:01:00.000Z'))).toBe(startsAt);
    expect(rescheduled({ ...paused, lastRunAt: null }, resume, d('2027-01-07T05:59:59.999Z'))).toBe(startsAt);
    // A weekly one keeps it for a week.
    expect(rescheduled({ ...paused, every: 'week', lastRunAt: null }, resume, d('2026-12-14T05:59:00.000Z'))).toBe(startsAt);
  });

  it('skips the first run once the next period has come, and any missed run of a schedule that has run', () => {
    expect(rescheduled({ ...paused, lastRunAt: null }, resume, d('2027-01-07T06:00:00.000Z'))).toBe('2027-02-07T06:00:00.000Z');
    expect(rescheduled({ ...paused, every: 'week', lastRunAt: null }, resume, d('2026-12-14T06:01:00.000Z'))).toBe('2026-12-21T06:00:00.000Z');
    const ran = { ...paused, nextRunAt: '2027-01-07T06:00:00.000Z', lastRunAt: startsAt };
    expect(rescheduled(ran, resume, d('2027-01-07T06:01:00.000Z'))).toBe('2027-02-07T06:00:00.000Z');
  });

  it('leaves a future next run and a change of amount alone', () => {
    expect(rescheduled({ ...paused, lastRunAt: null }, resume, d('2026-12-01T00:00:00.000Z'))).toBe(startsAt);
    expect(rescheduled({ ...paused, status: 'active', lastRunAt: null }, {}, d('2026-12-20T00:00:00.000Z'))).toBe(startsAt);
  });
});

describe('starts_at window', () => {
  const now = d('2026-12-02T10:00:00.000Z');
  it('allows up to 5 minutes in the past and a year ahead', () => {
    expect(startsAtProblem(d('2026-12-02T09:55:00.000Z'), now)).toBeNull();
    expect(startsAtProblem(d('2026-12-02T09:54:59.999Z'), now)).toMatch(/past/);
    expect(startsAtProblem(d('2027-12-02T10:00:00.000Z'), now)).toBeNull();
    expect(startsAtProblem(d('2027-12-02T10:00:00.001Z'), now)).toMatch(/year/);
  });
});
