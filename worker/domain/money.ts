/** The money rules, shared with the app: integers of fils, formatted only by formatAed. SQL triggers enforce the limits; these describe them. */
export const CURRENCY = 'AED' as const;
export const FILS_PER_AED = 100;

export const TOPUP_AMOUNTS = [500, 1000, 2000, 3000, 5000, 7500, 10000] as const;
export const DEFAULT_TOPUP_FEE = 100;

export const DEPOSIT_MIN = 100;
export const DEPOSIT_MAX = 10_000_000;
/** At most the balance. */
export const WITHDRAWAL_MIN = 100;

export function isFils(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0);
}

export function isTopupAmount(value: number, amounts: readonly number[] = TOPUP_AMOUNTS): boolean {
  return amounts.includes(value);
}

let formatter: Intl.NumberFormat | undefined;

/** "AED 20.00" for 2000 (the exact text depends on the runtime's locale data). */
export function formatAed(fils: number): string {
  formatter ??= new Intl.NumberFormat('en-AE', { style: 'currency', currency: CURRENCY });
  return formatter.format(fils / FILS_PER_AED);
}

/** Typed AED ("1,000.25") in fils without floating point; null unless plain, non-negative, at most two decimals. */
export function parseAedToFils(text: string): number | null {
  const typed = text.trim();
  // A comma only groups thousands ("1,000.25"): "5,00" or "20,5" (a decimal comma elsewhere) is refused, never read as 500 or 205.
  if (typed.includes(',') && !/^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(typed)) return null;
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(typed.replace(/,/g, ''));
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * FILS_PER_AED + fraction;
}

export type Limits = {
  beneficiaryMonthly: { verified: number; unverified: number };
  totalMonthly: number;
  maxActiveBeneficiaries: number;
};

export const DEFAULT_LIMITS: Limits = {
  beneficiaryMonthly: { verified: 100_000, unverified: 50_000 },
  totalMonthly: 300_000,
  maxActiveBeneficiaries: 5,
};

export function beneficiaryLimit(limits: Limits, verified: boolean): number {
  return verified ? limits.beneficiaryMonthly.verified : limits.beneficiaryMonthly.unverified;
}

export type Usage = { used: number; limit: number; remaining: number };

export function usage(used: number, limit: number): Usage {
  return { used, limit, remaining: Math.max(0, limit - used) };
}

export type TopupRefusal = 'BENEFICIARY_MONTHLY_LIMIT' | 'MONTHLY_LIMIT' | 'INSUFFICIENT_BALANCE';

/** What would refuse a top-up of `amount` (+ fee), in the order the server checks. */
export function topupRefusal(input: {
  amount: number;
  fee: number;
  balance: number;
  beneficiary: Usage;
  total: Usage;
}): TopupRefusal | null {
  if (input.amount > input.beneficiary.remaining) return 'BENEFICIARY_MONTHLY_LIMIT';
  if (input.amount > input.total.remaining) return 'MONTHLY_LIMIT';
  if (input.balance < input.amount + input.fee) return 'INSUFFICIENT_BALANCE';
  return null;
}

/** Limits count per calendar month in Asia/Dubai: UTC+04:00, no daylight saving, so fixed-offset arithmetic is exact. */
export const TIME_ZONE = 'Asia/Dubai';
const DUBAI_OFFSET_MS = 4 * 60 * 60 * 1000;

/** "2026-12" for 2026-11-30T21:00:00Z. */
export function dubaiMonth(at: Date): string {
  const local = new Date(at.getTime() + DUBAI_OFFSET_MS);
  const month = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${local.getUTCFullYear()}-${month}`;
}
