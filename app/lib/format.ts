/** Text for the screen. Money always goes through the shared formatAed (Intl, AED, 2 decimals). */
import { FILS_PER_AED } from '../../worker/domain/money';

/** "AED 20" for 2000 fils: the accessible name of a top-up amount option. */
export function aedOptionLabel(fils: number): string {
  const whole = fils % FILS_PER_AED === 0;
  return `AED ${whole ? fils / FILS_PER_AED : (fils / FILS_PER_AED).toFixed(2)}`;
}

// Made on first use: building an Intl formatter loads locale data (tens of ms on
// a slow phone), which should not happen while the first screen is starting.
let time: Intl.DateTimeFormat | undefined;
let clock: Intl.DateTimeFormat | undefined;

export function formatDateTime(iso: string): string {
  time ??= new Intl.DateTimeFormat('en-AE', { dateStyle: 'medium', timeStyle: 'short' });
  return time.format(new Date(iso));
}

/** "10:32" today, otherwise date and time. */
export function formatWhen(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() !== now.toDateString()) return formatDateTime(iso);
  clock ??= new Intl.DateTimeFormat('en-AE', { hour: '2-digit', minute: '2-digit' });
  return clock.format(at);
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
