/**
 * Every limit counts per calendar month in Asia/Dubai (UTC+04:00, no daylight
 * saving). Fixed offset arithmetic is exact here and avoids depending on the
 * runtime's time-zone data.
 */
export const TIME_ZONE = 'Asia/Dubai';
const DUBAI_OFFSET_MS = 4 * 60 * 60 * 1000;

/** "2026-12" for 2026-11-30T21:00:00Z. */
export function dubaiMonth(at: Date): string {
  const local = new Date(at.getTime() + DUBAI_OFFSET_MS);
  const month = String(local.getUTCMonth() + 1).padStart(2, '0');
  return `${local.getUTCFullYear()}-${month}`;
}
