/**
 * The first-screen budget of issue 5, from the production build that `npm start`
 * just made: JavaScript ≤ 30 KB and CSS ≤ 8 KB gzip for
 * - a first visit (sign-in): the entry chunk and its static imports, and the sign-in chunk the boot
 *   script preloads with them (≤ 31 KB since 2026-12-07, ADR 110);
 * - a returning person's home screen: that plus the home route's chunks, ≤ 32 KB since
 *   2026-12-03 (ADR 104, amendments: two languages, auto top-up and passkeys; the inline boot
 *   scripts counted).
 * JS counts the inline boot scripts of index.html; CSS is the stylesheet inline in it.
 * The sync engine loads after the first paint and is reported, not counted.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inlineBlocks } from './helpers';

type Chunk = { file: string; name?: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean };

const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, Chunk>;
const gzip = (file: string) => gzipSync(readFileSync(`dist/${file}`)).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A chunk and everything it imports statically (what the browser loads before running it). */
function closure(keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

/** The one stylesheet, inline in index.html (vite.config.ts, inlineFirstPaint), and the boot script beside it. */
const shell = readFileSync('dist/index.html', 'utf8');
const inline = (tag: 'script' | 'style') => inlineBlocks(shell, tag);
const css = gzipSync(inline('style').join('')).length;
const bootScript = gzipSync(inline('script').join('')).length;

function weigh(keys: Set<string>) {
  const js = bootScript + [...keys].reduce((sum, key) => sum + gzip(manifest[key]!.file), 0);
  return { js, css };
}

const keyOf = (test: (chunk: Chunk, key: string) => boolean) => {
  const key = Object.keys(manifest).find((k) => test(manifest[k]!, k));
  if (!key) throw new Error('chunk not found in dist/.vite/manifest.json');
  return key;
};

describe('first-screen budget (gzip)', () => {
  const entry = keyOf((chunk) => !!chunk.isEntry);
  const home = keyOf((chunk) => chunk.name === 'home');
  const engine = keyOf((_, key) => key === 'state/sync.ts');
  // A first visit's sign-in: its own chunk, preloaded by the boot script with the entry (app/first-paint/boot-lang.js).
  const signin = keyOf((_, key) => key === 'pages/SignIn.tsx');

  it('the stylesheet is inline, whole, and the only one', () => {
    expect(inline('style')).toHaveLength(1);
    expect(inline('style')[0]).toContain('.static-signin');
    expect(shell).not.toMatch(/<link[^>]+rel="stylesheet"/);
    expect(Object.values(manifest).flatMap((chunk) => chunk.css ?? [])).toEqual([]);
  });

  // 31 KB since 2026-12-07 (ADR 110): sign-in became a chunk of its own, counted here, carrying what was typed on the static screen.
  it('first visit (sign-in): JS ≤ 31 KB, CSS ≤ 8 KB', () => {
    const { js, css } = weigh(closure([entry, signin]));
    console.info(`first visit: JS ${kb(js)}, CSS ${kb(css)}`);
    expect(js).toBeLessThanOrEqual(31 * 1024);
    expect(css).toBeLessThanOrEqual(8 * 1024);
  });

  it('home screen of a returning person: JS ≤ 32 KB, without the sign-in screen', () => {
    expect(closure([entry, home]).has(signin)).toBe(false);
    const { js, css } = weigh(closure([entry, home]));
    const after = weigh(new Set([...closure([engine])].filter((key) => !closure([entry, home]).has(key))));
    console.info(`home: JS ${kb(js)}, CSS ${kb(css)}; sync engine after first paint: JS ${kb(after.js)}`);
    expect(js).toBeLessThanOrEqual(32 * 1024);
  });
});
