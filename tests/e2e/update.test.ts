/**
 * The service worker update flow in real Chromium against the real server: a new
 * build lands (a changed index.html and the sw.js that precaches it, written into
 * dist/ as a deploy would; `wrangler dev` watches its assets directory and serves
 * them), the open app shows "Update available", Reload hands the page to the new
 * worker, and the page is the new version. dist/ is restored afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { baseURL, newContext, waitForServiceWorker, watchConsole, type Browser } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SW = 'dist/sw.js';
const HTML = 'dist/index.html';

/** Waits until the server answers /sw.js with `marker` in it (or without, for `present: false`). */
async function served(marker: string, present = true): Promise<void> {
  await expect
    .poll(async () => (await (await fetch(`${baseURL()}/sw.js`, { cache: 'no-store' })).text()).includes(marker), { timeout: 60_000, interval: 250 })
    .toBe(present);
}

/** Writes a new build into dist/: index.html with a build marker, sw.js precaching it under a new revision. */
function deployNewBuild(build: string): () => void {
  const sw = readFileSync(SW, 'utf8');
  const html = readFileSync(HTML, 'utf8');
  const entry = /\{"revision":"([0-9a-f]+)","url":"index\.html"\}/;
  expect(sw).toMatch(entry);
  expect(html).toContain('</head>');
  writeFileSync(HTML, html.replace('</head>', `<meta name="topup-build" content="${build}"></head>`));
  writeFileSync(SW, sw.replace(entry, `{"revision":"${build}","url":"index.html"}`));
  return () => {
    writeFileSync(HTML, html);
    writeFileSync(SW, sw);
  };
}

describe('a new version', () => {
  // Its waits add up past the suite's 90 s under load: the deploy being served, the check, the activation.
  it('is offered as "Update available"; Reload puts the page under the new service worker, showing the new build', { timeout: 240_000 }, async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    await page.goto('/signin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await waitForServiceWorker(page);
    const buildOf = () => page.evaluate(() => document.querySelector('meta[name="topup-build"]')?.getAttribute('content') ?? null);
    expect(await buildOf()).toBeNull();

    const build = crypto.randomUUID().replace(/-/g, '');
    const restore = deployNewBuild(build);
    try {
      await served(build);
      // The app checks for updates hourly; the test asks now, as a navigation would, and again
      // until the new worker is found: `wrangler dev` swaps its assets a moment after it starts
      // answering with them, and a check in that moment is told "304 Not Modified".
      const prompt = page.getByRole('alert').filter({ hasText: 'Update available' });
      await expect
        .poll(
          async () => {
            await page.evaluate(async () => {
              const registration = await navigator.serviceWorker.getRegistration();
              if (!registration?.installing && !registration?.waiting) await registration?.update();
            });
            return prompt.isVisible();
          },
          { timeout: 60_000, interval: 2000 },
        )
        .toBe(true);
      // Until the person chooses, the old version keeps the page and the new one waits.
      expect(await buildOf()).toBeNull();
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null)).toBe('installed');

      // The new worker activates once the old one has no request in flight (Chromium), then the
      // page reloads under it: wait for the new build to be the page, whatever the navigation's timing.
      await prompt.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => buildOf().catch(() => null), { timeout: 60_000 }).toBe(build);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await buildOf()).toBe(build);
      const state = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { controlled: navigator.serviceWorker.controller !== null, waiting: registration?.waiting ?? null, active: registration?.active?.state ?? null };
      });
      expect(state).toEqual({ controlled: true, waiting: null, active: 'activated' });
      // The shell the new worker answers with is the new build, offline too.
      await context.setOffline(true);
      await page.reload();
      expect(await buildOf()).toBe(build);
      await context.setOffline(false);
      await expect(page.getByRole('alert').filter({ hasText: 'Update available' }).count()).resolves.toBe(0);
      expect(console.errors).toEqual([]);
    } finally {
      restore();
      await served(build, false);
      await context.close();
    }
  });
});
