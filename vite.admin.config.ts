/**
 * The operations console (/admin): a separate build from the customer PWA — its own
 * entry, chunks and stylesheet under dist/admin/, no service worker, nothing in the
 * PWA's precache or first-visit budget (tests/e2e/admin-console.test.ts checks it).
 * Runs after `vite build` (it keeps what that build wrote).
 */
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: 'admin',
  base: '/admin/',
  publicDir: false,
  build: {
    outDir: '../dist/admin',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  plugins: [solid()],
});
