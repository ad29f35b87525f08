/**
 * What a change of words redraws: the rest of the language arriving after the first
 * screen's words changes no word on screen, so nothing is recomputed; a language switch
 * recomputes every word; a word read before its part of the language was in is
 * recomputed once it is.
 */
import { describe, expect, it, vi } from 'vitest';
import { createComputed, createRoot } from 'solid-js';

/** A fresh copy of the i18n module (its words are module state; setup.ts loaded all English). */
async function freshI18n() {
  vi.resetModules();
  return import('../../app/i18n');
}

/** Runs `read` reactively, as a text binding on screen would; returns what it read and how often. */
function watch(read: () => string) {
  const seen: string[] = [];
  const dispose = createRoot((done) => {
    createComputed(() => seen.push(read()));
    return done;
  });
  return { seen, dispose };
}

describe('redraws on a change of words', () => {
  it('completing the first screen’s words with the rest of the same language recomputes nothing', async () => {
    const i18n = await freshI18n();
    await i18n.startLocale('en');
    const email = watch(() => i18n.t('common.email'));
    expect(email.seen).toEqual(['Email']);
    await i18n.allWords('en');
    expect(email.seen).toEqual(['Email']);
    expect(i18n.t('home.balance')).not.toBe('home.balance'); // the rest is in
    email.dispose();
  });

  it('a language switch recomputes every word, to the new language', async () => {
    const i18n = await freshI18n();
    await i18n.startLocale('en');
    const email = watch(() => i18n.t('common.email'));
    await i18n.setLocale('ar');
    await i18n.setLocale('en');
    expect(email.seen).toEqual(['Email', 'البريد الإلكتروني', 'Email']);
    email.dispose();
  });

  // Each reader on its own: t() and hasKey() both note a miss, and either one alone must cause the redraw.
  it('a word read (t) before its part of the language was in is recomputed when it arrives', async () => {
    const i18n = await freshI18n();
    await i18n.startLocale('en');
    const balance = watch(() => i18n.t('home.balance'));
    expect(balance.seen).toEqual(['home.balance']);
    await i18n.allWords('en');
    expect(balance.seen.at(-1)).not.toBe('home.balance');
    expect(balance.seen).toHaveLength(2);
    balance.dispose();
  });

  it('a key asked about (hasKey) before its part of the language was in is asked again when it arrives', async () => {
    const i18n = await freshI18n();
    await i18n.startLocale('en');
    const known = watch(() => String(i18n.hasKey('home.balance')));
    expect(known.seen).toEqual(['false']);
    await i18n.allWords('en');
    expect(known.seen).toEqual(['false', 'true']);
    known.dispose();
  });
});
