/**
 * Issue 24's screens, clicked as a person would, in English and Arabic at 375 px:
 * a receipt's "What happened" and "Report a problem", Withdraw, the monthly
 * statement (on screen, and as the print stylesheet lays it out for "Save as PDF"
 * on A4), and closing the account (refused while money remains, Withdraw offered,
 * then closed: the password no longer signs in). Screenshots under
 * test-results/screenshots/ (money-*), axe on each screen, and in Arabic `dir="rtl"`
 * with no English left. The server's side is checked through the API.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../app/i18n/en';
import ar from '../../app/i18n/ar';
import { launch } from './chromium';
import { baseURL, newUser, serverAs, signInAs, waitForServiceWorker, watchConsole, type Browser } from './helpers';
import { latinWords } from './words';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync('test-results/screenshots', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe.each([['en', en] as const, ['ar', ar] as const])('money you can see and take back, in %s', (lang, words) => {
  it('receipt story and problem report, withdraw, statement (screen and print), close the account', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, locale: 'en-US', reducedMotion: 'reduce', baseURL: baseURL() });
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser(lang === 'ar' ? 'عائشة خان' : 'Aisha Khan');
    const mum = lang === 'ar' ? 'أمي' : 'Mum';
    await signInAs(page, user);
    const server = await serverAs(user);
    expect((await server.post('/api/wallet/deposits', { amount: 20000 })).status).toBe(201);
    const added = await server.post('/api/beneficiaries', { nickname: mum, phone: '0501234567' });
    const { beneficiary } = (await added.json()) as { beneficiary: { id: string } };
    await page.evaluate((l) => localStorage.setItem('topup:locale', l), lang);

    const found: string[] = [];
    const data = [user.name, user.email, mum, 'Chrome', 'Linux'];
    const shot = async (screen: string, options: { print?: boolean } = {}) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      if (options.print) {
        // What "Print or save as PDF" lays out: the print stylesheet on an A4-wide page.
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: 'print', colorScheme: 'light' });
        await page.screenshot({ path: `test-results/screenshots/money-${lang}-${screen}.png`, fullPage: true });
        await page.pdf({ path: `test-results/screenshots/money-${lang}-${screen}.pdf`, format: 'A4', printBackground: true });
        await page.emulateMedia({ media: 'screen' });
        await page.setViewportSize({ width: 375, height: 812 });
        return;
      }
      await page.screenshot({ path: `test-results/screenshots/money-${lang}-${screen}.png`, fullPage: true });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${lang} ${screen}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), screen).toEqual(lang === 'ar' ? ['ar', 'rtl'] : ['en', 'ltr']);
      if (lang === 'ar') expect(await latinWords(page, data), `English words left on ${screen}`).toEqual([]);
    };

    // A top-up through the app; its receipt tells what happened, and a problem can be reported.
    await page.goto(`/topup/${beneficiary.id}`);
    await page.getByRole('radio', { name: lang === 'ar' ? '20 د.إ.' : 'AED 20', exact: true }).check();
    await page.getByRole('button', { name: words['topup.confirm'] }).click();
    await page.getByRole('heading', { name: words['story.title'] }).waitFor();
    await page.getByText(words['story.sent']).waitFor();
    await page.getByRole('button', { name: words['problem.report'] }).click();
    await page.getByRole('radio', { name: words['problem.wrong_number'] }).check();
    await page.getByLabel(words['problem.message']).fill(lang === 'ar' ? 'الرقم خاطئ' : 'Typed the wrong number');
    await page.getByRole('button', { name: words['problem.submit'] }).click();
    await page.getByText(words['problem.open']).waitFor();
    await shot('receipt-story');
    const problems = await (await fetch(`${baseURL()}/api/problems`, { headers: { Cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json() as { items: { reason: string }[] };
    expect(problems.items.map((p) => p.reason)).toEqual(['wrong_number']);

    // Withdraw from Home with no network: queued like every change (shown at once as pending), sent when back online.
    await page.getByRole('navigation', { name: words['nav.label'] }).getByRole('link', { name: words['nav.home'], exact: true }).click();
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.getByRole('button', { name: words['home.withdraw'] }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByLabel(words['withdraw.amount']).fill('50');
    await shot('withdraw-dialog');
    await page.getByRole('dialog').getByRole('button', { name: words['withdraw.submit'] }).click();
    await page.getByRole('listitem').filter({ hasText: words['item.withdrawal'] }).getByText(words['common.pending']).waitFor();
    expect((await server.transactions()).items.map((t) => t.kind)).toEqual(['topup', 'deposit']);
    await context.setOffline(false);
    await expect.poll(async () => (await server.transactions()).items.map((t) => t.kind)).toEqual(['withdrawal', 'topup', 'deposit']);
    // Beside Withdraw, what it did once the server has it (it replaces any earlier deposit's "added").
    const withdrawn = words['notice.withdrawn']({ amount: lang === 'ar' ? '\u200f50.00\u00a0د.إ.\u200f' : 'AED\u00a050.00' });
    await expect.poll(() => page.locator('#money-note').textContent()).toBe(withdrawn);

    // The month's statement: totals that add up, spend against the limit; then as printed.
    await page.getByRole('navigation', { name: words['nav.label'] }).getByRole('link', { name: words['nav.activity'] }).click();
    await page.getByRole('link', { name: words['activity.statements'] }).click();
    await page.getByRole('heading', { name: words['statement.byBeneficiary'] }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: words['statement.items'] }).getByRole('listitem').count()).toBe(3);
    const csv = page.getByRole('link', { name: words['statement.csv'] });
    expect(await csv.getAttribute('href')).toMatch(/^\/api\/statements\/\d{4}-\d{2}\.csv$/);
    await shot('statement');
    await shot('statement-print', { print: true });

    // Closing: refused clearly while money remains, Withdraw offered; then closed for good.
    await page.getByRole('navigation', { name: words['nav.label'] }).getByRole('link', { name: words['nav.account'] }).click();
    await page.getByRole('heading', { name: words['close.title'] }).scrollIntoViewIfNeeded();
    await shot('account-money-left');
    await page.getByRole('region', { name: words['close.title'] }).getByRole('button', { name: words['home.withdraw'] }).click();
    await page.getByRole('button', { name: words['withdraw.all'] }).click();
    await page.getByRole('dialog').getByRole('button', { name: words['withdraw.submit'] }).click();
    await page.getByRole('button', { name: words['close.start'] }).click();
    await page.getByLabel(words['close.password'], { exact: true }).fill(user.password);
    await shot('account-close');
    await page.getByRole('button', { name: words['close.confirm'] }).click();
    await page.waitForURL(/\/signin$/);
    const login = await fetch(`${baseURL()}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) });
    expect(login.status).toBe(401);

    expect(found).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});
