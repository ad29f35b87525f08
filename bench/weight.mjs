// Client weight: gzipped JS and CSS the first screen loads (the entry module, its
// static imports/modulepreloads and stylesheets from dist/index.html, plus the
// chosen language's first-screen words, per language), and the
// Worker bundle from `wrangler deploy --dry-run`.
import { workerSize, workerStartup } from '../scripts/worker-size.mjs';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

export function measureClientWeight(dist = 'dist') {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // index.html carries its stylesheet and boot script inline; the boot script names the entry and
  // what it imports, which it loads once the first screen has painted (vite.config.ts, inlineFirstPaint).
  const inline = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]).join('');
  const boot = JSON.parse(/<script type="application\/json" id="app-files">(.*?)<\/script>/.exec(html)?.[1] ?? 'null');
  if (!boot?.entry) throw new Error('dist/index.html: the boot script names no entry');
  const js = new Set([boot.entry, ...boot.imports]);
  const inlineJs = gzipSync(inline('script'), { level: 9 }).length;
  const inlineCss = gzipSync(inline('style'), { level: 9 }).length;
  // Static imports of the entry chunks are loaded too: follow them.
  const queue = [...js];
  while (queue.length) {
    const file = join(dist, queue.pop());
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s])import\s*(?:[\w{},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const rel = `/assets/${m[1]}`;
      if (!js.has(rel)) {
        js.add(rel);
        queue.push(rel);
      }
    }
  }
  const size = (files) => [...files].reduce((sum, f) => sum + (existsSync(join(dist, f)) ? gz(join(dist, f)) : 0), 0);
  // The words: each language's first-screen part loads before the app renders (app/main.tsx), so it
  // counts; the rest of the language loads right after the first screen is up, reported apart.
  const chunks = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
  const closure = (key, seen = new Set()) => {
    if (!chunks[key] || seen.has(key)) return seen;
    seen.add(key);
    for (const next of chunks[key].imports ?? []) closure(next, seen);
    return seen;
  };
  const files = (keys) => new Set([...keys].map((key) => `/${chunks[key].file}`));
  const languages = {};
  for (const lang of ['en', 'ar']) {
    const first = [...files(closure(`i18n/${lang}/first.ts`))].filter((f) => !js.has(f));
    const all = [...files(closure(`i18n/${lang}/index.ts`))].filter((f) => !js.has(f) && !first.includes(f));
    languages[lang] = {
      js_files: [...js, ...first],
      js_gzip_bytes: inlineJs + size(js) + size(first),
      css_gzip_bytes: inlineCss,
      words_first_gzip_bytes: size(first),
      words_after_first_screen_gzip_bytes: size(all),
    };
  }
  return { js_files: [...js], css_inline: true, inline_script_gzip_bytes: inlineJs, js_gzip_bytes: inlineJs + size(js), css_gzip_bytes: inlineCss, languages };
}

export function measureWorkerSize() {
  const size = workerSize('production');
  return { ...size, startup: workerStartup('production', Number(process.env.BENCH_STARTUP_RUNS ?? 5)) };
}
