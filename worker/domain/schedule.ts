/**
 * The calendar of scheduled top-ups, pure and shared with the app: weekly every 7 days from `starts_at`; monthly the same
 * Dubai day and time, clamped to the month's end (31 Jan → 28 Feb → 31 Mar). Occurrence n comes from `starts_at` and n,
 * never from the previous (clamped) date, so a short month never drags later ones earlier.
 */
export type Every = 'week' | 'month';

/** One message per run: its period (`due`) and the terms it was sent with, so the consumer's batch needs no read and runs only if they hold. */
export type ScheduleRunMessage = {
  schedule_id: string;
  user_id: string;
  due: string;
  beneficiary_id: string;
  amount: number;
  every: Every;
  starts_at: string;
  /** The shard that holds the schedule (ADR 010); absent means shard 0. */
  shard?: number;
};
export const EVERY: readonly Every[] = ['week', 'month'];

const DUBAI_OFFSET_MS = 4 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The n-th occurrence (n = 0 is `startsAt` itself). */
export function occurrence(startsAt: Date, every: Every, n: number): Date {
  if (every === 'week') return new Date(startsAt.getTime() + n * WEEK_MS);
  const local = new Date(startsAt.getTime() + DUBAI_OFFSET_MS);
  const timeOfDay = local.getTime() - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const months = local.getUTCMonth() + n;
  const year = local.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const day = Math.min(local.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day) + timeOfDay - DUBAI_OFFSET_MS);
}

/** The first occurrence strictly after `after` (`startsAt` itself if that is later). */
export function nextOccurrence(startsAt: Date, every: Every, after: Date): Date {
  return occurrence(startsAt, every, indexAfter(startsAt, every, after.getTime()));
}

/** The first occurrence at or after `from`. */
export function occurrenceFrom(startsAt: Date, every: Every, from: Date): Date {
  return occurrence(startsAt, every, indexAfter(startsAt, every, from.getTime() - 1));
}

function indexAfter(startsAt: Date, every: Every, after: number): number {
  if (after < startsAt.getTime()) return 0;
  // An estimate from the elapsed time, then corrected by comparing real occurrences.
  let n: number;
  if (every === 'week') {
    n = Math.floor((after - startsAt.getTime()) / WEEK_MS);
  } else {
    const a = new Date(startsAt.getTime() + DUBAI_OFFSET_MS);
    const b = new Date(after + DUBAI_OFFSET_MS);
    n = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) - 1;
  }
  n = Math.max(0, n);
  while (occurrence(startsAt, every, n).getTime() <= after) n++;
  return n;
}

/** The next run after the one due at `due`: the first occurrence after both `due` and `now` (missed periods are not made up). */
export function nextRunAfter(startsAt: Date, every: Every, due: Date, now: Date): Date {
  return nextOccurrence(startsAt, every, new Date(Math.max(due.getTime(), now.getTime())));
}

export const STARTS_AT_PAST_MS = 5 * 60 * 1000;

/** Whether `startsAt` is inside the window the contract allows: ≤ 5 minutes ago, ≤ 1 year ahead. */
export function startsAtProblem(startsAt: Date, now: Date): string | null {
  if (startsAt.getTime() < now.getTime() - STARTS_AT_PAST_MS) return 'Must not be more than 5 minutes in the past';
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  if (startsAt.getTime() > yearAhead.getTime()) return 'Must not be more than a year ahead';
  return null;
}

/**
 * The next run after a PATCH: a new cadence starts at its first occurrence not before the planned run (no period twice);
 * a late resume moves to the next occurrence after now, unless the first run never happened and is still due (ADR 017).
 */
export function rescheduled(
  s: { startsAt: string; every: Every; nextRunAt: string; status: 'active' | 'paused'; lastRunAt: string | null },
  changes: { every?: Every | undefined; status?: 'active' | 'paused' | undefined },
  now: Date,
): string {
  const startsAt = new Date(s.startsAt);
  const every = changes.every ?? s.every;
  let next = new Date(s.nextRunAt);
  if (every !== s.every) next = occurrenceFrom(startsAt, every, next);
  if (s.status === 'paused' && changes.status === 'active' && next.getTime() < now.getTime()) {
    const firstStillDue = s.lastRunAt === null && nextOccurrence(startsAt, every, next).getTime() > now.getTime();
    if (!firstStillDue) next = nextOccurrence(startsAt, every, now);
  }
  return next.toISOString();
}
