/** Text for the screen in the chosen language; Latin digits in both (ADR 107). */
import { FILS_PER_AED } from '../../worker/domain/money';
import { locale, t } from '../i18n';

const RLM = '\u200f';
const LRM = '\u200e';

/**
 * "AED 1,234.50" / "‏1,234.50 د.إ.‏": Intl's text (tests/unit/app/format.test.ts holds them equal), by hand,
 * as a page's first Intl formatter loads locale data inside Home's first render (ADR 104).
 */
export function formatAed(fils: number): string {
  const abs = Math.abs(Math.round(fils));
  const whole = String(Math.floor(abs / FILS_PER_AED)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % FILS_PER_AED).padStart(2, '0');
  const negative = fils < 0 && abs !== 0;
  if (locale() === 'ar') return `${RLM}${negative ? `${LRM}-` : ''}${whole}.${cents}\u00a0د.إ.${RLM}`;
  return `${negative ? '-' : ''}AED\u00a0${whole}.${cents}`;
}

/** "+AED 50.00" / "−AED 21.00"; in Arabic the sign follows a left-to-right mark, where Intl's signDisplay puts it. */
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

// Made on first use, one per language (formatAed says why).
const dateTimes = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(iso: string): string {
  const lang = locale();
  let format = dateTimes.get(lang);
  if (!format) dateTimes.set(lang, (format = new Intl.DateTimeFormat(lang === 'ar' ? 'ar-AE-u-nu-latn' : 'en-AE', { dateStyle: 'medium', timeStyle: 'short' })));
  return format.format(new Date(iso));
}

/** "09:05 AM" / "09:05 ص" today, by hand like formatAed (it is on Home's first render); otherwise date and time. */
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
