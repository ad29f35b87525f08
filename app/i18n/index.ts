/**
 * The app's words (ADR 107): `t('area.key', params?)`, read inside JSX, follows a language switch. English
 * is the source of keys and parameters (Arabic is typed as its twin); only the chosen language loads.
 */
import { batch, createSignal } from 'solid-js';
import type en from './en';
import type { Locale } from './plural';

export type Catalog = typeof en;
export type MessageKey = keyof Catalog;
export type { Locale };
type Params<K extends MessageKey> = Catalog[K] extends (p: infer P) => string ? [params: P] : [];

/** Where the choice is remembered on the device (read by app/first-paint/boot-lang.js before the first paint; kept at sign-out). */
export const LOCALE_STORAGE_KEY = 'topup:locale';

// t() subscribes to `version`: it changes with the language, not when the rest of the same language arrives
// (the same text for every key on screen: no redraw), and once more for a key read before its words were in.
let words: Partial<Catalog> = {};
const [version, setVersion] = createSignal(0);
let missed = false;
const [locale, setLocaleSignal] = createSignal<Locale>('en');
export { locale };

function setWords(next: Partial<Catalog>, redraw: boolean): void {
  words = next;
  if (redraw || missed) {
    missed = false;
    setVersion((v) => v + 1);
  }
}

export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  version();
  const message: unknown = words[key];
  if (typeof message === 'function') return (message as (p: unknown) => string)(params[0]);
  if (typeof message === 'string') return message;
  missed = true;
  return key;
}

/** A key built at run time (an API error code): the caller names the fallback for codes the catalog lacks. */
export function hasKey(key: string): key is MessageKey {
  version();
  if (key in words) return true;
  missed = true; // perhaps in the rest of the language's words, not yet in
  return false;
}

type Part = 'first' | 'all';
const parts = {
  en: { first: () => import('./en/first'), all: () => import('./en') },
  ar: { first: () => import('./ar/first'), all: () => import('./ar') },
} as const;
const loaded = new Map<string, Promise<Partial<Catalog>>>();
/** Languages whose every word is in (so the first screen's part never replaces them). */
const complete = new Map<Locale, Catalog>();
function load(lang: Locale, part: Part): Promise<Partial<Catalog>> {
  const id = `${lang}:${part}`;
  let words = loaded.get(id);
  if (!words) {
    words = parts[lang][part]().then((m) => {
      if (part === 'all') complete.set(lang, m.default as Catalog);
      return m.default;
    });
    loaded.set(id, words);
  }
  return words;
}

/** What app/first-paint/boot-lang.js chose before the first paint (the remembered choice, else the device's languages). */
export function initialLocale(): Locale {
  return typeof document !== 'undefined' && document.documentElement.lang === 'ar' ? 'ar' : 'en';
}

function apply(next: Locale, catalog: Partial<Catalog>): void {
  batch(() => {
    setWords(catalog, true);
    setLocaleSignal(next);
  });
  if (typeof document === 'undefined') return;
  document.documentElement.lang = next;
  document.documentElement.dir = next === 'ar' ? 'rtl' : 'ltr';
  // The install name and description follow the language too (vite.config.ts writes one manifest per language).
  document.querySelector('link[rel="manifest"]')?.setAttribute('href', next === 'ar' ? '/manifest-ar.webmanifest' : '/manifest.webmanifest');
}

/** The first screen's words only (sign-in and the frame): what main.tsx waits for before rendering. */
export async function startLocale(next: Locale): Promise<void> {
  const first = await load(next, 'first');
  apply(next, complete.get(next) ?? first);
}

/** Every word of the current language; screens other than sign-in wait for it (App.tsx), and it is cached. */
export async function allWords(lang: Locale = locale()): Promise<void> {
  const all = await load(lang, 'all');
  if (locale() === lang) setWords(all, false);
}

/** Switches every `t()` on the screen to the language at once; `remember` keeps the choice on this device. */
export async function setLocale(next: Locale, remember = false): Promise<void> {
  apply(next, await load(next, 'all'));
  if (!remember) return;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, next);
  } catch {
    // private mode without storage: the choice lasts for this visit only
  }
}

export { plural } from './plural';
