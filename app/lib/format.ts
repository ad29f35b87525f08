/** Text for the screen. Money goes through formatAed below: the text of the shared Intl formatAed, without Intl. */
import { FILS_PER_AED } from '../../worker/domain/money';

/**
 * "AED 1,234.50" for 123450 fils: the same text as the shared formatAed
 * (Intl.NumberFormat en-AE, AED; a unit test holds them equal), built by hand
 * because the first Intl formatter of a page loads the locale's data, ~40 ms on
 * a slow phone, inside the first render of Home.
 */
export function formatAed(fils: number): string {
  const abs = Math.abs(Math.round(fils));
  const whole = String(Math.floor(abs / FILS_PER_AED)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % FILS_PER_AED).padStart(2, '0');
  return `${fils < 0 && abs !== 0 ? '-' : ''}AED\u00a0${whole}.${cents}`;
}

/** "AED 20" for 2000 fils: the accessible name of a top-up amount option. */
export function aedOptionLabel(fils: number): string {
  const whole = fils % FILS_PER_AED === 0;
  return `AED ${whole ? fils / FILS_PER_AED : (fils / FILS_PER_AED).toFixed(2)}`;
}

// Made on first use: building an Intl formatter loads locale data (tens of ms on
// a slow phone), which should not happen while the first screen is starting.
let time: Intl.DateTimeFormat | undefined;

export function formatDateTime(iso: string): string {
  time ??= new Intl.DateTimeFormat('en-AE', { dateStyle: 'medium', timeStyle: 'short' });
  return time.format(new Date(iso));
}

/**
 * "09:05 AM" today (what en-AE's 2-digit hour and minute give), otherwise date and
 * time. Built by hand: this is on the first screen (header, recent activity) and
 * an Intl.DateTimeFormat costs tens of ms to create on a slow phone.
 */
export function formatWhen(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() !== now.toDateString()) return formatDateTime(iso);
  const hours = at.getHours();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hours % 12 || 12)}:${two(at.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** "+971 50 123 4567" for "+971501234567". */
export function formatPhone(e164: string): string {
  const m = /^\+971(\d{2})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+971 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

export function operatorName(operator: string | null): string {
  if (operator === 'etisalat') return 'Likely Etisalat';
  if (operator === 'du') return 'Likely du';
  return 'Network unknown';
}
