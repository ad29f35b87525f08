/** Monthly statements, pure: which month (a calendar month in Asia/Dubai), its bounds in UTC, the totals. */
import { dubaiMonth } from './money';

const DUBAI_OFFSET_MS = 4 * 60 * 60 * 1000;
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" when it is a month that has begun (not after the current one), else null. */
export function statementMonth(text: string, now: Date): string | null {
  if (!MONTH.test(text)) return null;
  return text <= dubaiMonth(now) ? text : null;
}

/** The month's first instant and the next month's, as UTC ISO strings (what created_at holds). */
export function monthBounds(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const from = Date.UTC(year, mon - 1, 1) - DUBAI_OFFSET_MS;
  const to = Date.UTC(year, mon, 1) - DUBAI_OFFSET_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** "2026-11-30 23:15" in Asia/Dubai for an ISO instant. */
export function dubaiMinute(iso: string): string {
  return new Date(Date.parse(iso) + DUBAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export type Kind = 'deposit' | 'topup' | 'refund' | 'withdrawal' | 'adjustment';
export type Totals = { deposits: number; topups: number; fees: number; refunds: number; withdrawals: number; adjustments: number };

/** Totals such that opening + deposits − topups − fees + refunds − withdrawals + adjustments = closing. */
export function totalsOf(items: readonly { kind: Kind; amount: number; fee: number }[]): Totals {
  const t: Totals = { deposits: 0, topups: 0, fees: 0, refunds: 0, withdrawals: 0, adjustments: 0 };
  for (const i of items) {
    if (i.kind === 'deposit') t.deposits += i.amount - i.fee;
    else if (i.kind === 'topup') {
      t.topups += -i.amount;
      t.fees += i.fee;
    } else if (i.kind === 'refund') t.refunds += i.amount - i.fee;
    else if (i.kind === 'withdrawal') t.withdrawals += -(i.amount - i.fee);
    else t.adjustments += i.amount - i.fee;
  }
  return t;
}
