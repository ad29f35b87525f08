import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rolldown';
import { minifySync } from 'rolldown/experimental';
import solid from 'vite-plugin-solid';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { manifest, manifestAr } from './app/manifest';

/**
 * The API reference page (/api/docs, served by the Worker) runs Scalar's browser
 * bundle from our own origin, never from a CDN: it must work with no internet. The
 * bundle is copied as it is into dist/docs/ (3.5 MB: kept out of the service
 * worker's precache below, and out of the Worker bundle).
 */
function scalarBundle(): Plugin {
  const source = fileURLToPath(new URL('./node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url));
  const served = '/docs/scalar.js';
  let outDir = '';
  return {
    name: 'topup-scalar-bundle',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // `npm run dev`: the same URL from the dev server.
    configureServer(server) {
      server.middlewares.use(served, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.end(readFileSync(source));
      });
    },
    async writeBundle() {
      const target = join(outDir, served);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
      // The document the page reads, generated from the routes (the Worker only serves it).
      const { writeOpenApiDocument } = await import('./scripts/openapi-document.mjs');
      await writeOpenApiDocument(join(outDir, 'docs', 'openapi.json'));
    },
  };
}

/** /manifest-ar.webmanifest beside the English one vite-plugin-pwa writes (precached with it: globPatterns). */
function arabicManifest(): Plugin {
  return {
    name: 'topup-arabic-manifest',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest-ar.webmanifest', source: JSON.stringify(manifestAr) });
    },
  };
}

/** The chunk holding `module` and the chunks it imports statically, as URLs, less those already `loaded`. */
function firstImportsOf(bundle: OutputBundle, loaded: string[], module: string): string[] {
  const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
  const start = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(module)));
  if (!start) throw new Error(`no chunk holds ${module}`);
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    for (const next of chunks.find((c) => c.fileName === fileName)?.imports ?? []) visit(next);
  };
  visit(start.fileName);
  return [...seen].map((fileName) => `/${fileName}`).filter((file) => !loaded.includes(file));
}

/**
 * What app/first-paint/boot-lang.js preloads: per language, the first-screen words (and, for a returning
 * person's Home, every word), plus the Home chunk, and for a first visit the sign-in chunk.
 */
function firstImports(bundle: OutputBundle, loaded: string[]) {
  const language = (lang: string) => {
    const first = firstImportsOf(bundle, loaded, `app/i18n/${lang}/first.ts`);
    return { first, all: firstImportsOf(bundle, loaded, `app/i18n/${lang}/index.ts`).filter((file) => !first.includes(file)) };
  };
  return {
    en: language('en'),
    ar: language('ar'),
    home: firstImportsOf(bundle, loaded, 'app/pages/Home.tsx'),
    signin: firstImportsOf(bundle, loaded, 'app/pages/SignIn.tsx'),
  };
}

/**
 * The first paint needs nothing but index.html (ADR 107, amendment 2026-12-03): the
 * language script (app/first-paint/boot-lang.js), Home's picture (boot-home.js beside it) and the stylesheet go inline into the built
 * index.html, so a first visit paints after one request instead of three. The CSP
 * stays strict: no 'unsafe-inline' — the exact inline script and style are allowed
 * by their SHA-256, written into dist/_headers. The stylesheet file is not emitted.
 * After the paint, boot-lang.js loads the app's scripts (and, for a returning person's
 * Home, its words and chunk) — the build writes their names into it.
 */
function inlineFirstPaint(): Plugin {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const allowed = { script: [] as string[], style: '' };
  let inlinedSheet = '';
  let outDir = '';
  return {
    name: 'topup-inline-first-paint',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) throw new Error('transformIndexHtml without a bundle');
        // The entry and what it imports leave the HTML: boot-lang.js adds them once the first screen has painted.
        const entry = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html);
        if (!entry) throw new Error('index.html has no built entry script');
        html = html.replace(entry[0], '');
        const imports: string[] = [];
        html = html.replace(/<link rel="modulepreload" crossorigin href="(\/assets\/[^"]+\.js)">/g, (_, file: string) => {
          imports.push(file);
          return '';
        });
        const files = JSON.stringify({ entry: entry[1], imports, ...firstImports(ctx.bundle, [entry[1]!, ...imports]) });
        // app/first-paint/boot-<name>.js, minified, in place of its <script vite-ignore src="/first-paint/boot-<name>.js"> tag.
        const inline = (name: string, before = '') => {
          const source = readFileSync(fileURLToPath(new URL(`./app/first-paint/boot-${name}.js`, import.meta.url)), 'utf8');
          const minified = minifySync(`boot-${name}.js`, source, { compress: true, mangle: true });
          if (minified.errors.length) throw new Error(`app/first-paint/boot-${name}.js: ${minified.errors.map((e) => e.message).join('; ')}`);
          const script = minified.code.trim();
          const tag = new RegExp(`<script\\s+src="/first-paint/boot-${name}\\.js"\\s*></script>`);
          if (!tag.test(html)) throw new Error(`index.html must load <script vite-ignore src="/first-paint/boot-${name}.js"> (inlined at build)`);
          html = html.replace(tag, () => `${before}<script>${script}</script>`);
          allowed.script.push(hash(script));
        };
        // A data block (never run, so outside the CSP) the boot script reads: which files to load.
        inline('lang', `<script type="application/json" id="app-files">${files}</script>`);
        inline('home');
        const link = /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/.exec(html);
        const asset = link && ctx.bundle?.[link[1]!];
        if (!link || !asset || asset.type !== 'asset') throw new Error('index.html has no built stylesheet to inline');
        const sheets = Object.values(ctx.bundle ?? {}).filter((file) => file.fileName.endsWith('.css'));
        if (sheets.length !== 1) throw new Error(`one stylesheet expected (it is inlined, and lazy screens never load CSS): ${sheets.length}`);
        const css = String(asset.source);
        if (/<\/style/i.test(css)) throw new Error('the stylesheet cannot be inlined: it contains </style');
        html = html.replace(link[0], () => `<style>${css}</style>`);
        inlinedSheet = link[1]!;
        allowed.style = hash(css);
        return html;
      },
    },
    // The stylesheet lives in index.html only (nothing else references it: cssCodeSplit is off).
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        if (inlinedSheet) delete bundle[inlinedSheet];
      },
    },
    // After the public directory is copied: the hashes join 'self' in the app's CSP.
    closeBundle() {
      const file = join(outDir, '_headers');
      const headers = readFileSync(file, 'utf8');
      const csp = /^(\s*Content-Security-Policy:.*)$/m;
      const scripts = allowed.script.join(' ');
      if (!csp.test(headers) || !scripts || !allowed.style) throw new Error('dist/_headers: no CSP line to extend, or nothing inlined');
      const line = csp.exec(headers)![1]!
        .replace("script-src 'self'", `script-src 'self' ${scripts}`)
        .replace("style-src 'self'", `style-src 'self' ${allowed.style}`);
      if (!line.includes(scripts) || !line.includes(allowed.style)) throw new Error("dist/_headers: the CSP needs script-src 'self' and style-src 'self'");
      writeFileSync(file, headers.replace(csp, () => line));
    },
  };
}

// The PWA lives in app/ and builds into dist/, which wrangler serves as static
// assets (SPA fallback; /api/* goes to the Worker first).
export default defineConfig({
  root: 'app',
  publicDir: 'public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing as data: URLs: the CSP is default-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // One stylesheet, inline in index.html (inlineFirstPaint): no screen loaded later fetches it again.
    cssCodeSplit: false,
    // dist/.vite/manifest.json: the chunk graph, read by the e2e budget test.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // A group takes only the modules it names, not everything they import.
          includeDependenciesRecursively: false,
          groups: [
            // Solid, the router and idb: needed by every first screen, cached together.
            // The typed API client (hono/client) is not: it loads with lib/api.ts, after the first paint;
            // nor is the WebAuthn client, loaded when a passkey is used (app/lib/passkeys.ts).
            // With them the leaves every first screen shares: vite's preload helper, rolldown's runtime and
            // the plural rules both languages' words use. Alone, each was a request of its own (issue 19).
            {
              name: 'vendor',
              test: /node_modules[\\/](?!hono[\\/]|@simplewebauthn[\\/])|vite[\\/]preload-helper|rolldown[\\/]runtime|app[\\/]i18n[\\/]plural\.ts$/,
              priority: 2,
            },
            // What sign-in shares with sign-up and the dialogs (fields, the language switch, the
            // error words): one request on a first visit instead of three.
            { name: 'forms', test: /app[\\/](ui[\\/](Field|LanguageSwitch)|lib[\\/]errors)\.tsx?$/, priority: 1 },
            // The home screen with the components it shares with other screens: one
            // request instead of six tiny ones (each costs a round trip and gzip framing).
            {
              name: 'home',
              test: /app[\\/](pages[\\/]Home|ui[\\/](Money|UsageBar)|components[\\/](money[\\/]ActivityItem|beneficiaries[\\/](TopUpButton|BeneficiaryInfo)|shell[\\/]Attention))\.tsx$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  plugins: [
    tailwindcss(),
    solid(),
    scalarBundle(),
    arabicManifest(),
    inlineFirstPaint(),
    VitePWA({
      // Our own service worker: it needs `sync` (Background Sync) and `message`
      // (SKIP_WAITING for the update prompt) handlers.
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ico,txt}'],
        // docs/: the API reference's script, for developers only; admin/: the operations console (vite.admin.config.ts). Never precached.
        globIgnores: ['**/screenshots/**', '_headers', 'docs/**', 'admin/**'],
        // The service worker bundle should stay small; no source maps in dist.
        sourcemap: false,
      },
      devOptions: { enabled: false },
    }),
  ],
});
