/**
 * The screens the auto top-up (issue 12) and passkeys (issue 11) work added, in
 * English and Arabic, light and dark, at 375 px: Home with the last top-up and the
 * upcoming auto top-ups, a beneficiary's Auto top-up panel and its dialog, the
 * top-up screen opened by "Top up again", and Account's passkeys, sessions and
 * password. Each gets a screenshot under test-results/screenshots/, axe (no
 * serious or critical violation), and in Arabic `dir="rtl"` with no English left.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../app/i18n/en';
import ar from '../../app/i18n/ar';
import { launch } from './chromium';
import { baseURL, newUser, serverAs, signInAs, watchConsole, type Browser } from './helpers';
import { latinWords } from './words';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync('test-results/screenshots', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe.each([['en', en] as const, ['ar', ar] as const])('auto top-up and account screens in %s', (lang, words) => {
  it('look right: screenshots, axe light and dark, and (Arabic) right to left with no English left', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, locale: 'en-US', reducedMotion: 'reduce', baseURL: baseURL() });
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser(lang === 'ar' ? 'عائشة خان' : 'Aisha Khan');
    const mum = lang === 'ar' ? 'أمي 👩' : 'Mum 👩';
    await signInAs(page, user);

    // The server holds what a person would have: money, a beneficiary, a top-up made, a monthly auto top-up.
    const server = await serverAs(user);
    expect((await server.post('/api/wallet/deposits', { amount: 20000 })).status).toBe(201);
    const added = await server.post('/api/beneficiaries', { nickname: mum, phone: '0501234567' });
    expect(added.status).toBe(201);
    const { beneficiary } = (await added.json()) as { beneficiary: { id: string } };
    expect((await server.post('/api/topups', { beneficiary_id: beneficiary.id, amount: 2000 })).status).toBe(201);
    expect((await server.post('/api/schedules', { beneficiary_id: beneficiary.id, amount: 5000, every: 'month' })).status).toBe(201);

    // The language as a person sets it (remembered on the device), then a fresh start of the app.
    await page.evaluate((l) => localStorage.setItem('topup:locale', l), lang);
    await page.goto('/');
    await page.getByRole('heading', { name: words['schedules.upcoming'] }).waitFor();

    const found: string[] = [];
    const data = [user.name, user.email, mum, 'Mum', 'Chrome', 'Linux'];
    const shot = async (screen: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.screenshot({ path: `test-results/screenshots/${lang}-${screen}-${scheme}.png`, fullPage: true });
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          found.push(`${lang} ${screen} (${scheme}): ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), screen).toEqual(lang === 'ar' ? ['ar', 'rtl'] : ['en', 'ltr']);
      if (lang === 'ar') expect(await latinWords(page, data), `English words left on ${screen}`).toEqual([]);
    };

    await page.getByRole('heading', { name: words['schedules.lastTopup'] }).waitFor();
    await shot('home-auto-topup');

    await page.getByRole('link', { name: words['schedules.again'] }).click();
    await page.getByRole('radio', { checked: true }).waitFor();
    await shot('topup-again');

    await page.goto('/beneficiaries');
    await page.getByRole('button', { name: new RegExp(`^${words['ben.manage']}`) }).click();
    const change = page.getByRole('button', { name: new RegExp(`^${words['schedules.change']}`) });
    await change.waitFor();
    await shot('beneficiary-auto-topup');
    await change.click();
    // Above the beneficiary's sheet.
    await page.getByRole('dialog', { name: words['schedules.changeFor']({ name: mum }) }).waitFor();
    await shot('auto-topup-dialog');
    await page.keyboard.press('Escape');

    await page.goto('/account');
    await page.getByText(words['security.passkeysEmpty']).waitFor();
    await shot('account-security');

    expect(found).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});
