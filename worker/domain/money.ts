/**
 * Money is always an integer number of fils (AED 1 = 100 fils). These helpers are
 * shared by the Worker and the app: the only place fils become text is formatAed.
 */
export const CURRENCY = 'AED' as const;
export const FILS_PER_AED = 100;

/** The top-up amounts a person can choose, in fils (AED 5 … AED 100). */
export const TOPUP_AMOUNTS = [500, 1000, 2000, 3000, 5000, 7500, 10000] as const;
export const DEFAULT_TOPUP_FEE = 100;

export const DEPOSIT_MIN = 100;
export const DEPOSIT_MAX = 10_000_000;
/** A withdrawal takes at least this much (and at most the balance). */
export const WITHDRAWAL_MIN = 100;

export function isFils(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0);
}

export function isTopupAmount(value: number, amounts: readonly number[] = TOPUP_AMOUNTS): boolean {
  return amounts.includes(value);
}

let formatter: Intl.NumberFormat | undefined;

/** "AED 20.00" for 2000 (exact text depends on the locale data of the runtime). */
export function formatAed(fils: number): string {
  formatter ??= new Intl.NumberFormat('en-AE', { style: 'currency', currency: CURRENCY });
  return formatter.format(fils / FILS_PER_AED);
}

/**
 * Parses what a person typed as AED ("20", "20.5", "1,000.25") into fils without
 * going through floating point. Returns null for anything that is not a plain
 * non-negative amount with at most two decimals.
 */
export function parseAedToFils(text: string): number | null {
  const cleaned = text.trim().replace(/,/g, '');
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * FILS_PER_AED + fraction;
}
