/**
 * Text for the screen, in the chosen language. Amounts use Latin digits in both
 * languages: "AED 1,234.50" in English, "‏1,234.50 د.إ.‏" (what Intl gives for
 * ar-AE-u-nu-latn, with its right-to-left marks) in Arabic.
 */
import { FILS_PER_AED } from '../../worker/domain/money';
import { locale, t } from '../i18n';

const RLM = '\u200f';
const LRM = '\u200e';

/**
 * "AED 1,234.50" / "‏1,234.50 د.إ.‏" for 123450 fils: the same text as
 * Intl.NumberFormat (en-AE / ar-AE-u-nu-latn, AED; tests/unit/app/format.test.ts
 * holds them equal), built by hand because the first Intl formatter of a page
 * loads the locale's data, ~40 ms on a slow phone, inside the first render of Home.
 */
export function formatAed(fils: number): string {
  const abs = Math.abs(Math.round(fils));
  const whole = String(Math.floor(abs / FILS_PER_AED)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % FILS_PER_AED).padStart(2, '0');
  const negative = fils < 0 && abs !== 0;
  if (locale() === 'ar') return `${RLM}${negative ? `${LRM}-` : ''}${whole}.${cents}\u00a0د.إ.${RLM}`;
  return `${negative ? '-' : ''}AED\u00a0${whole}.${cents}`;
}

/**
 * "+AED 50.00" / "−AED 21.00" for a movement; in Arabic the sign sits where Intl's
 * signDisplay puts it, after a left-to-right mark so it stays on the number's left.
 */
export function formatSignedAed(fils: number): string {
  const sign = fils > 0 ? '+' : fils < 0 ? '−' : '';
  const text = formatAed(Math.abs(fils));
  return locale() === 'ar' && sign ? text.replace(RLM, `${RLM}${LRM}${sign}`) : `${sign}${text}`;
}

/** How much the wallet moved in a ledger item: `amount − fee` for every kind (a refund's fee is negative: it comes back too). */
export function walletMove(item: { amount: number; fee: number }): number {
  return item.amount - item.fee;
}

/** "AED 20" / "20 د.إ." for 2000 fils: the accessible name of a top-up amount option. */
export function aedOptionLabel(fils: number): string {
  const whole = fils % FILS_PER_AED === 0;
  const number = whole ? String(fils / FILS_PER_AED) : (fils / FILS_PER_AED).toFixed(2);
  return locale() === 'ar' ? `${number} د.إ.` : `AED ${number}`;
}

// Made on first use, one per language: building an Intl formatter loads locale
// data (tens of ms on a slow phone), which should not happen while the first screen is starting.
const dateTimes = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string): string {
  const lang = locale();
  let format = dateTimes.get(lang);
  if (!format) dateTimes.set(lang, (format = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-AE-u-nu-latn' : 'en-AE', { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(new Date(iso));
}

/**
 * "09:05 AM" / "09:05 ص" today (what en-AE's and ar-AE-u-nu-latn's 2-digit hour
 * and minute give), otherwise date and time. Built by hand: this is on the first
 * screen (header, recent activity) and an Intl.DateTimeFormat costs tens of ms to create on a slow phone.
 */
export function formatWhen(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() !== now.toDateString()) return formatDateTime(iso);
  const hours = at.getHours();
  const two = (n: number) => String(n).padStart(2, '0');
  const morning = hours < 12;
  const marker = locale() === 'ar' ? (morning ? 'ص' : 'م') : morning ? 'AM' : 'PM';
  return `${two(hours % 12 || 12)}:${two(at.getMinutes())} ${marker}`;
}

/** "+971 50 123 4567" for "+971501234567" (shown inside dir="ltr": it must not reorder in Arabic). */
export function formatPhone(e164: string): string {
  const m = /^\+971(\d{2})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+971 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

export function operatorName(operator: string | null): string {
  if (operator === 'etisalat') return t('ben.likelyEtisalat');
  if (operator === 'du') return t('ben.likelyDu');
  return t('ben.networkUnknown');
}
