import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
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
    writeBundle() {
      const target = join(outDir, served);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
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
            { name: 'vendor', test: /node_modules[\\/](?!hono[\\/]|@simplewebauthn[\\/])/, priority: 2 },
            // The home screen with the components it shares with other screens: one
            // request instead of six tiny ones (each costs a round trip and gzip framing).
            {
              name: 'home',
              test: /app[\\/](pages[\\/]Home|components[\\/](ActivityItem|Money|TopUpButton|Attention|BeneficiaryInfo|UsageBar))\.tsx$/,
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
        // docs/: the API reference's script, for developers only: never precached.
        globIgnores: ['**/screenshots/**', '_headers', 'docs/**'],
        // The service worker bundle should stay small; no source maps in dist.
        sourcemap: false,
      },
      devOptions: { enabled: false },
    }),
  ],
});
