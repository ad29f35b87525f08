/** What an auto top-up's terms mean before they are saved (ADR 111). Pure: the clock and the wallet are passed in. */
import type { ApiSchedule } from '../../worker/contract/types';
import { nextOccurrence, rescheduled, type Every } from '../../worker/domain/schedule';
import { dubaiMonth, topupRefusal, usage, type Usage } from '../../worker/domain/money';

export type Plan = { first: Date | null; then: Date | null; runsThisMonth: number };

/** The first (or next) run of these terms, the one after it, and how many runs fall in this month. */
export function schedulePlan(schedule: Pick<ApiSchedule, 'starts_at' | 'every' | 'next_run_at' | 'status' | 'last_run'> | null, every: Every, now: Date, online: boolean): Plan {
  // A new one is due when the server receives it: now, or once this device is back online.
  if (!schedule && !online) return { first: null, then: null, runsThisMonth: 0 };
  const anchor = schedule ? new Date(schedule.starts_at) : now;
  const planned = schedule
    ? new Date(rescheduled({ startsAt: schedule.starts_at, every: schedule.every, nextRunAt: schedule.next_run_at, status: schedule.status, lastRunAt: schedule.last_run?.at ?? null }, { every }, now))
    : now;
  // A run whose time has passed is made at the cron's next check: it is due now.
  const first = planned.getTime() < now.getTime() ? now : planned;
  const month = dubaiMonth(now);
  let runsThisMonth = 0;
  for (let at = first; dubaiMonth(at) === month && runsThisMonth < 6; at = nextOccurrence(anchor, every, at)) runsThisMonth++;
  return { first, then: nextOccurrence(anchor, every, planned), runsThisMonth };
}

export type TermsWarning = { kind: 'mine' | 'total' | 'balance' | 'later'; left: number };

/**
 * What would refuse the first run (as the server checks it), else whether this month's later runs exceed
 * what is left. A first run next month meets fresh limits: only the balance counts for it.
 */
export function scheduleWarning(w: { amount: number; fee: number; balance: number; mine: Usage; total: Usage; runsThisMonth: number }): TermsWarning | null {
  const thisMonth = w.runsThisMonth > 0;
  const mine = thisMonth ? w.mine : usage(0, w.mine.limit);
  const total = thisMonth ? w.total : usage(0, w.total.limit);
  const first = topupRefusal({ amount: w.amount, fee: w.fee, balance: w.balance, beneficiary: mine, total });
  if (first === 'BENEFICIARY_MONTHLY_LIMIT') return { kind: 'mine', left: mine.remaining };
  if (first === 'MONTHLY_LIMIT') return { kind: 'total', left: total.remaining };
  if (first === 'INSUFFICIENT_BALANCE') return { kind: 'balance', left: w.balance };
  const left = Math.min(mine.remaining, total.remaining);
  return w.runsThisMonth > 1 && w.amount * w.runsThisMonth > left ? { kind: 'later', left } : null;
}
