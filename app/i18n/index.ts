/**
 * The app's words. `t('area.key')` or `t('area.key', { …params })` returns the text
 * in the chosen language; reading it inside JSX makes it follow a language switch.
 *
 * English (`./en`) is the source of truth for keys and parameters: every Arabic
 * area file is typed as its English twin, so a missing key or a different
 * parameter is a type error. A message is a string, or a function of its
 * parameters (plurals go through `plural()` below).
 */
import { createSignal } from 'solid-js';
import en from './en';

export type Catalog = typeof en;
export type MessageKey = keyof Catalog;
export type Locale = 'en' | 'ar';
type Params<K extends MessageKey> = Catalog[K] extends (p: infer P) => string ? [params: P] : [];

const [catalog, setCatalog] = createSignal<Catalog>(en);
const [locale, setLocaleSignal] = createSignal<Locale>('en');
export { locale };

export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  const message: unknown = catalog()[key];
  return typeof message === 'function' ? (message as (p: unknown) => string)(params[0]) : (message as string);
}

/** Loads the language's messages, then switches every `t()` on the screen to them. */
export async function setLocale(next: Locale): Promise<void> {
  const messages = next === 'ar' ? (await import('./ar')).default : en;
  setCatalog(messages);
  setLocaleSignal(next);
  document.documentElement.lang = next;
  document.documentElement.dir = next === 'ar' ? 'rtl' : 'ltr';
}

/** The form of `forms` that the language's plural rules choose for `n` ("other" when a form is missing). */
export function plural(lang: Locale, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  const rule = new Intl.PluralRules(lang).select(n);
  return (forms[rule] ?? forms.other).replace('#', String(n));
}
