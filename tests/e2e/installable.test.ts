/**
 * Installability: a complete manifest with real icons, a service worker that
 * controls the page and precaches the shell, no shell for /api/*, and the
 * security headers of the static app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, launchPersistent } from './chromium';
import { baseURL, newContext, waitForServiceWorker, watchConsole, type Browser } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
  screenshots: { src: string; sizes: string; form_factor?: string }[];
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return `${view.getUint32(16)}x${view.getUint32(20)}`;
}

describe('installable PWA', () => {
  it('links a complete manifest whose icons and screenshots exist at their stated sizes', async () => {
    const html = await (await fetch(`${baseURL()}/`)).text();
    const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBeTruthy();
    const manifest = (await (await fetch(new URL(href!, baseURL()))).json()) as Manifest;
    expect(manifest).toMatchObject({ name: expect.any(String), short_name: 'TopUp', start_url: '/', scope: '/', display: 'standalone' });
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.background_color).toMatch(/^#/);
    for (const size of ['192x192', '512x512']) {
      expect(manifest.icons.some((i) => i.sizes === size && (i.purpose ?? 'any').includes('any'))).toBe(true);
      expect(manifest.icons.some((i) => i.sizes === size && i.purpose?.includes('maskable'))).toBe(true);
    }
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const response = await fetch(new URL(image.src, baseURL()));
      expect(response.status, image.src).toBe(200);
      expect(pngSize(new Uint8Array(await response.arrayBuffer())), image.src).toBe(image.sizes);
    }
    expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
    expect(html).toContain('apple-touch-icon');
    expect(html).toContain('apple-mobile-web-app-title');
  });

  it('is installable for Chromium, with the shell precached by a controlling service worker', async () => {
    // A persistent profile: Chromium never offers installation in incognito contexts.
    const profile = mkdtempSync(join(tmpdir(), 'topup-profile-'));
    const context = await launchPersistent(profile, baseURL());
    const page = context.pages()[0] ?? (await context.newPage());
    const console = watchConsole(page);
    await page.goto('/signin');
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const precached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return { names, urls };
    });
    expect(precached.names.some((n) => n.startsWith('workbox-precache'))).toBe(true);
    expect(precached.urls).toContain('/index.html');
    expect(precached.urls.some((u) => u.startsWith('/api'))).toBe(false);
    expect(precached.urls.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(5);

    // Offline, any app URL opens from the precache (reload and deep links).
    await context.setOffline(true);
    await page.goto('/activity');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await context.setOffline(false);
    expect(console.errors).toEqual([]);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('never answers /api/* navigations with the app shell', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/signin');
    await waitForServiceWorker(page);
    const response = await page.goto('/api/health');
    expect(response?.headers()['content-type']).toContain('application/json');
    expect(await page.textContent('body')).toContain('"ok":true');
    const missing = await page.goto('/api/no-such-route');
    expect(missing?.status()).toBeGreaterThanOrEqual(400);
    expect(missing?.headers()['content-type']).toContain('application/json');

    // Offline, an /api navigation fails honestly instead of showing the app.
    await context.setOffline(true);
    const offline = await page.goto('/api/health').catch((error: Error) => error);
    expect(offline).toBeInstanceOf(Error);
    await context.setOffline(false);
    await context.close();
  });

  // A first install that fails (a network that drops for a moment) is tried again once the
  // network is back, without a reload: the app navigates in place, and the next full load may be days away.
  it.each([
    ['its script', (url: string) => new URL(url).pathname === '/sw.js'],
    ['a file of the shell it precaches', (url: string, fromWorker: boolean) => fromWorker && new URL(url).pathname.startsWith('/assets/')],
  ])('installs once the network is back when the first try could not fetch %s', async (_, fails) => {
    const context = await newContext(browser);
    let failed = 0;
    await context.route('**/*', (route) => {
      if (failed === 0 && fails(route.request().url(), route.request().serviceWorker() !== null)) {
        failed++;
        return route.abort('internetdisconnected');
      }
      return route.fallback();
    });
    const page = await context.newPage();
    const console = watchConsole(page, [/fetching the script/]);
    await page.goto('/signin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect.poll(() => failed).toBe(1);
    // The failed install leaves no worker behind (the browser forgets the registration).
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) ?? null)).toBeNull();
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    // The network comes back: the browser says it is online, and the install happens in this same page.
    await context.setOffline(true);
    await context.setOffline(false);
    await waitForServiceWorker(page);
    expect(await page.evaluate(async () => (await caches.keys()).some((n) => n.startsWith('workbox-precache')))).toBe(true);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  // A page whose load began before the first worker took over is not claimed by it (its client
  // did not exist yet when the worker claimed the open pages) and would stay uncontrolled until the
  // next full load: the app asks the active worker to claim it.
  it('controls a page whose load began while the first worker was installing', async () => {
    const context = await newContext(browser);
    let releaseInstall!: () => void;
    const installHeld = new Promise<void>((resolve) => (releaseInstall = resolve));
    let releaseLoad!: () => void;
    const loadHeld = new Promise<void>((resolve) => (releaseLoad = resolve));
    let workerAsked = 0;
    let loadAsked = false;
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.serviceWorker()) {
        workerAsked++;
        await installHeld; // the worker's precache waits until the next page's load has begun
      } else if (request.isNavigationRequest() && new URL(request.url()).pathname === '/activity') {
        loadAsked = true;
        await loadHeld; // the next page's load waits until the worker is active
      }
      return route.fallback();
    });
    const page = await context.newPage();
    const console = watchConsole(page);
    await page.goto('/signin');
    await expect.poll(() => workerAsked).toBeGreaterThan(0);
    const loading = page.goto('/activity');
    await expect.poll(() => loadAsked).toBe(true);
    releaseInstall();
    // Watched from a second page of the same origin: the worker is active (and has claimed the pages open then).
    const watcher = await context.newPage();
    await watcher.goto('/api/health');
    await expect.poll(() => watcher.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? null)).toBe('activated');
    releaseLoad();
    await loading;
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await waitForServiceWorker(page);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('serves the app with a strict CSP and security headers', async () => {
    for (const path of ['/', '/signin', '/sw.js', '/manifest.webmanifest']) {
      const response = await fetch(`${baseURL()}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('strict-transport-security'), path).toContain('max-age=');
      expect(response.headers.get('referrer-policy'), path).toBeTruthy();
      expect(response.headers.get('permissions-policy'), path).toBeTruthy();
    }
    const html = await (await fetch(`${baseURL()}/`)).text();
    // Two inline scripts (the boot scripts, allowed by their hashes: headers.test.ts checks which) and one data block.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toEqual(['<script type="application/json" id="app-files">', '<script>', '<script>']);
    expect(html).not.toMatch(/\sstyle="/);
  });
});
