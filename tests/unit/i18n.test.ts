/**
 * The app's words: both languages have every key with the same parameters, every
 * key is used somewhere, Arabic plurals take their six forms, and the static
 * sign-in screen of index.html says what the app says.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../app/i18n/en';
import ar from '../../app/i18n/ar';
import enFirst from '../../app/i18n/en/first';
import arFirst from '../../app/i18n/ar/first';
import { ERROR_STATUS } from '../../worker/domain/errors';

type Words = Record<string, unknown>;

/** The parameters a message reads, found by calling it with a recording stand-in. */
function parameters(message: unknown): string[] {
  if (typeof message !== 'function') return [];
  const read = new Set<string>();
  const params = new Proxy({}, { get: (_target, name) => (read.add(String(name)), name === 'count' || name === 'max' || name === 'active' ? 3 : `‹${String(name)}›`) });
  (message as (p: unknown) => string)(params);
  return [...read].sort();
}

function sample(message: unknown): string {
  if (typeof message === 'string') return message;
  const params = new Proxy({}, { get: (_target, name) => (name === 'count' || name === 'max' || name === 'active' ? 3 : `‹${String(name)}›`) });
  return (message as (p: unknown) => string)(params);
}

describe('catalogs', () => {
  it('Arabic has exactly the English keys, in the whole catalog and in the first screen’s part', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(arFirst).sort()).toEqual(Object.keys(enFirst).sort());
    for (const key of Object.keys(enFirst)) expect(Object.keys(en), key).toContain(key);
  });

  it('each message takes the same parameters in both languages and uses every one', () => {
    for (const [key, message] of Object.entries(en as Words)) {
      const english = parameters(message);
      expect(parameters((ar as Words)[key]), key).toEqual(english);
      for (const name of english) {
        expect(sample(message), `${key} (en) shows {${name}}`).toMatch(name === 'count' || name === 'max' || name === 'active' ? /3/ : `‹${name}›`);
        expect(sample((ar as Words)[key]), `${key} (ar) shows {${name}}`).toMatch(name === 'count' || name === 'max' || name === 'active' ? /3/ : `‹${name}›`);
      }
    }
  });

  it('no message is empty, and Arabic messages are Arabic (no English words left)', () => {
    for (const [key, message] of Object.entries(ar as Words)) {
      const text = sample(message);
      expect(text.trim(), key).not.toBe('');
      // Brand, currency and example values (an email, a UAE number) aside.
      const latin = text.replace(/‹[^›]*›|TopUp|AED|name@example\.com/g, '').match(/[A-Za-z]{2,}/g);
      expect(latin, key).toBeNull();
    }
  });

  it('has words for every error code of the contract', () => {
    for (const code of Object.keys(ERROR_STATUS)) expect(Object.keys(en), code).toContain(`errors.${code}`);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith(join('app', 'i18n')) ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('keys in use', () => {
  // Keys built at run time: `errors.${code}` (app/lib/errors.ts codeText).
  const dynamic = new Set([...Object.keys(ERROR_STATUS), 'UNKNOWN'].map((code) => `errors.${code}`));
  const code = sources('app').map((path) => readFileSync(path, 'utf8')).join('\n');

  it('every key is used by the app (quoted in its sources) or listed as built at run time', () => {
    const unused = Object.keys(en).filter((key) => !dynamic.has(key) && !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('every quoted key-like string the app passes to t() exists', () => {
    const used = [...code.matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !(key in en))).toEqual([]);
  });
});

describe('Arabic plurals (Intl.PluralRules, six forms)', () => {
  it('0, 1, 2, 3, 11 and 100 each take their own form', () => {
    const pending = (ar as Words)['sync.pending'] as (p: { count: number }) => string;
    expect(pending({ count: 0 })).toBe('لا شيء قيد الانتظار');
    expect(pending({ count: 1 })).toBe('تغيير واحد قيد الانتظار');
    expect(pending({ count: 2 })).toBe('تغييران قيد الانتظار');
    expect(pending({ count: 3 })).toBe('3 تغييرات قيد الانتظار');
    expect(pending({ count: 11 })).toBe('11 تغييرًا قيد الانتظار');
    expect(pending({ count: 100 })).toBe('100 تغيير قيد الانتظار');
    expect(new Set([0, 1, 2, 3, 11, 100].map((count) => pending({ count }))).size).toBe(6);
  });

  it('English takes one and other', () => {
    const body = (en as Words)['signout.body'] as (p: { count: number }) => string;
    expect(body({ count: 1 })).toMatch(/^1 change has/);
    expect(body({ count: 2 })).toMatch(/^2 changes have/);
  });
});

describe('the static first screen (app/index.html)', () => {
  const html = readFileSync('app/index.html', 'utf8');
  it('says what the sign-in screen says, in both languages', () => {
    const keys = ['signin.title', 'common.email', 'common.password', 'signin.submit', 'signin.new', 'signin.create', 'common.language', 'security.or', 'security.signInWithPasskey'] as const;
    for (const words of [en, ar]) for (const key of keys) expect(html, key).toContain(words[key]);
  });
});
