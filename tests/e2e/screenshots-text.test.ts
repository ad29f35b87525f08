/**
 * The main screens at 320 and 390 px, at 100 % and 200 % text (the browser's font size), and at 1280 px (desktop),
 * in English and Arabic, light and dark: test-results/screenshots-text/<lang>-<width>-<text>-<scheme>-<screen>.png,
 * 2,000 px tall, to be looked at. Each also checks the page does not scroll sideways.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { addBeneficiary, baseURL, newUser, serverAs, signInAs, topUp, watchConsole, type Browser, type BrowserContext, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync('test-results/screenshots-text', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('screens at any text size', () => {
  // One person's screens, set up once; each language is its own test (30 screens each: a budget per
  // language, not one for both, which a loaded machine ran past).
  let context: BrowserContext;
  let page: Page;
  let console: ReturnType<typeof watchConsole>;
  let screens: Record<string, string>;
  beforeAll(async () => {
    context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 390, height: 844 }, serviceWorkers: 'block', reducedMotion: 'reduce' });
    page = await context.newPage();
    console = watchConsole(page);
    const user = newUser('Mohammed Abdulrahman Al Mansouri');
    await signInAs(page, user);
    const server = await serverAs(user);
    expect((await server.post('/api/wallet/deposits', { amount: 10_000_000 })).status).toBe(201);
    await addBeneficiary(page, 'Grandmother Fatima', '0501234567');
    await addBeneficiary(page, 'Work', '0501230000');
    await topUp(page, 'Work', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up declined and refunded' }).waitFor({ timeout: 20_000 });
    await page.goto('/beneficiaries');
    await topUp(page, 'Grandmother Fatima', 'AED 100');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor({ timeout: 20_000 });
    const receipt = new URL(page.url()).pathname;
    const beneficiary = (await server.beneficiaries()).items.find((b) => b.nickname.startsWith('Grand'))!.id;
    screens = { home: '/', beneficiaries: '/beneficiaries', activity: '/activity', statements: '/statements', account: '/account', topup: `/topup/${beneficiary}`, receipt };
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`are photographed at 320/390 px, 100/200 % text, light/dark (${lang})`, async () => {
      const cdp = await context.newCDPSession(page);
      const only = process.env.SHOTS_ONLY?.split(',');
      await page.goto('/');
      await page.evaluate((l) => localStorage.setItem('topup:locale', l), lang);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [320, 390, 1280]) {
          // Tall enough for a whole screen at 200 %: a full-page screenshot would resize the page, and Chromium resets the text size with it.
          await page.setViewportSize({ width, height: 2000 });
          for (const text of [100, 200]) {
            for (const [name, path] of Object.entries(screens)) {
              if (only && !only.includes(name)) continue;
              if (scheme === 'dark' && (width !== 390 || text !== 100)) continue;
              if (width === 1280 && text !== 100) continue;
              await cdp.send('Page.setFontSizes', { fontSizes: { standard: (16 * text) / 100, fixed: (13 * text) / 100 } });
              await page.goto(path);
              const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
              expect(size, `${lang} ${name} ${text}`).toBe(`${(16 * text) / 100}px`);
              await page.locator('h1').first().waitFor();
              await page.waitForFunction(() => document.querySelector('nav') !== null);
              if (name === 'topup') await page.getByRole('radio').nth(3).check();
              // The statement's amounts are what spilled out at 200 % (its summary card): wait for them.
              if (name === 'statements') await page.locator('#summary-title').waitFor();
              // Checked once the screen's content is drawn, not before it arrives.
              const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
              expect(wide, `${lang} ${width} ${text} ${name} scrolls sideways`).toBe(false);
              if (width === 1280) {
                // Made for the desktop: the navigation is a rail at the side (start edge), the content wider than a phone column.
                const nav = (await page.getByRole('navigation', { name: lang === 'ar' ? 'القائمة الرئيسية' : 'Main' }).boundingBox())!;
                expect(nav.height, `${lang} ${name} nav`).toBeGreaterThan(nav.width);
                expect(lang === 'ar' ? Math.round(nav.x + nav.width) : nav.x, `${lang} ${name} nav edge`).toBe(lang === 'ar' ? 1280 : 0);
                const h1 = (await page.locator('h1').first().boundingBox())!;
                expect(lang === 'ar' ? h1.x + h1.width < nav.x : h1.x > nav.x + nav.width, `${lang} ${name} beside the nav`).toBe(true);
                const content = await page.evaluate(() => document.getElementById('main')!.clientWidth);
                expect(content, `${lang} ${name} content width`).toBeGreaterThan(800);
              }
              await page.screenshot({ path: `test-results/screenshots-text/${lang}-${width}-${text}-${scheme}-${name}.png` });
            }
          }
        }
      }
      await cdp.detach();
      expect(console.errors).toEqual([]);
    });
  }
});
