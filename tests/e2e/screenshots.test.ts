/**
 * The main flow, screen by screen, in English and in Arabic (a Chromium with
 * locale ar-AE: the app follows navigator.languages): sign up, add funds, add a
 * beneficiary, top up, offline add + top-up, reconnect (one refused: "Needs
 * attention"), sign out. On every screen, light and dark: a 375 px screenshot
 * (test-results/screenshots/<lang>-<screen>-<scheme>.png) and axe-core with no
 * serious or critical violation; in Arabic also dir="rtl" and no English word
 * left on screen (user data, "TopUp" and "AED" aside).
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { latinWords } from './words';
import { baseURL, newUser, serverAs, waitForServiceWorker, watchConsole, type Browser } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync('test-results/screenshots', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const WORDS = {
  en: {
    locale: 'en-US', name: 'Name', email: 'Email', password: 'Password', createAccount: 'Create account', signIn: 'Sign in', addFunds: 'Add funds', amount: 'Amount',
    addToWallet: 'Add to wallet', main: 'Main', beneficiaries: 'Beneficiaries', nickname: 'Nickname', phone: 'Phone number', addBeneficiary: 'Add beneficiary',
    topUp: 'Top up', option20: 'AED 20', option10: 'AED 10', confirm: 'Confirm top-up', completed: 'Top-up completed', queued: 'Top-up queued', home: 'Home',
    activity: 'Activity', topups: 'Top-ups', account: 'Account', rename: 'Rename', delete: 'Delete', manage: 'Manage', attention: 'Needs attention', offline: 'Offline', signOut: 'Sign out',
    balance: 'Wallet balance', pending: 'Pending',
  },
  ar: {
    locale: 'ar-AE', name: 'الاسم', email: 'البريد الإلكتروني', password: 'كلمة المرور', createAccount: 'إنشاء الحساب', signIn: 'تسجيل الدخول', addFunds: 'إضافة رصيد', amount: 'المبلغ',
    addToWallet: 'أضف إلى المحفظة', main: 'القائمة الرئيسية', beneficiaries: 'المستفيدون', nickname: 'الاسم المختصر', phone: 'رقم الهاتف', addBeneficiary: 'أضف المستفيد',
    topUp: 'اشحن', option20: '20 د.إ.', option10: '10 د.إ.', confirm: 'تأكيد الشحن', completed: 'تم الشحن', queued: 'الشحن في قائمة الانتظار', home: 'الرئيسية',
    activity: 'النشاط', topups: 'عمليات الشحن', account: 'الحساب', rename: 'إعادة تسمية', delete: 'حذف', manage: 'إدارة', attention: 'يحتاج إلى انتباهك', offline: 'غير متصل', signOut: 'تسجيل الخروج',
    balance: 'رصيد المحفظة', pending: 'قيد الانتظار',
  },
} as const;


describe.each(['en', 'ar'] as const)('every screen in %s', (lang) => {
  it('walks the main flow: screenshots, axe light and dark, and (Arabic) right to left with no English left', async () => {
    const w = WORDS[lang];
    const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, locale: w.locale, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const console = watchConsole(page, [/status of 409/]);
    const user = newUser(lang === 'ar' ? 'عائشة خان' : 'Aisha Khan');
    const mum = lang === 'ar' ? 'أمي 👩' : 'Mum 👩';
    const sis = 'Sis ✨';
    // Data, not UI words: what the person typed, and the browser and system a session's user agent names.
    const data = [user.name, user.email, mum, sis, 'Sis', 'Mum', 'Chrome', 'Linux'];
    const found: string[] = [];

    const shot = async (screen: string) => {
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
      // From the top, as a person lands on the screen: the sticky header over a scrolled-to row is not what is judged.
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
      const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
      expect(html, screen).toEqual(lang === 'ar' ? ['ar', 'rtl'] : ['en', 'ltr']);
      if (lang === 'ar') expect(await latinWords(page, data), `English words left on ${screen}`).toEqual([]);
    };
    const nav = (name: string) => page.getByRole('navigation', { name: w.main }).getByRole('link', { name, exact: true }).click();

    await page.goto('/signin');
    await page.getByRole('heading', { name: w.signIn }).waitFor();
    await shot('signin');
    await page.goto('/signup');
    await page.getByRole('button', { name: w.createAccount }).click();
    await shot('signup-errors');
    await page.getByLabel(w.name).fill(user.name);
    await page.getByLabel(w.email).fill(user.email);
    await page.getByLabel(w.password).fill(user.password);
    await page.getByRole('button', { name: w.createAccount }).click();
    await page.getByRole('button', { name: w.addFunds }).waitFor();
    await shot('home-new');

    await page.getByRole('button', { name: w.addFunds }).click();
    await page.getByLabel(w.amount).fill('abc');
    await page.getByLabel(w.amount).blur();
    await shot('add-funds-dialog');
    await page.getByLabel(w.amount).fill('50');
    await page.getByRole('button', { name: w.addToWallet }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await nav(w.beneficiaries);
    for (const [nickname, phone] of [[mum, '0501234567'], [sis, '+971 55 111 2222']] as const) {
      await page.getByLabel(w.nickname).fill(nickname);
      await page.getByLabel(w.phone).fill(phone);
      await page.getByRole('button', { name: w.addBeneficiary }).click();
      await page.getByRole('list', { name: w.beneficiaries }).getByRole('heading', { name: nickname }).waitFor();
    }
    await page.getByLabel(w.phone).fill('12');
    await page.getByLabel(w.nickname).focus();
    await shot('beneficiaries');
    await page.getByRole('button', { name: `${w.manage} ${mum}` }).click();
    await shot('beneficiary-sheet');
    await page.getByRole('button', { name: `${w.rename} ${mum}` }).click();
    await shot('rename-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: `${w.delete} ${mum}` }).click();
    await shot('delete-dialog');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: `${w.topUp} ${mum}` }).click();
    await page.getByRole('radio', { name: w.option20, exact: true }).check();
    await shot('topup');
    await page.getByRole('button', { name: w.confirm }).click();
    await page.getByRole('heading', { name: w.completed }).waitFor();
    await shot('receipt');
    await nav(w.home);
    await shot('home');
    await nav(w.activity);
    await page.getByRole('list').first().getByRole('listitem').first().waitFor();
    await shot('activity');
    await page.getByRole('button', { name: w.topups, exact: true }).click();
    await page.getByRole('listitem').first().waitFor();
    await shot('activity-topups');
    await nav(w.account);
    await shot('account');

    // Offline: a new beneficiary and a top-up, queued; meanwhile another device spends the money.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await nav(w.beneficiaries);
    await page.getByLabel(w.nickname).fill('Dad');
    await page.getByLabel(w.phone).fill('0527654321');
    await page.getByRole('button', { name: w.addBeneficiary }).click();
    await page.getByRole('list', { name: w.beneficiaries }).getByRole('heading', { name: 'Dad' }).waitFor();
    data.push('Dad');
    await page.getByText(w.offline, { exact: true }).waitFor();
    await shot('beneficiaries-offline');
    const server = await serverAs(user);
    const sisId = (await server.beneficiaries()).items.find((b) => b.nickname === sis)!.id;
    expect((await server.post('/api/topups', { beneficiary_id: sisId, amount: 2000 })).status).toBe(201); // AED 50 − 21 − 21 leaves 8: too little for the queued 10 + fee
    await page.getByRole('button', { name: `${w.topUp} Dad` }).click();
    await page.getByRole('radio', { name: w.option10, exact: true }).check();
    await page.getByRole('button', { name: w.confirm }).click();
    await page.getByRole('heading', { name: w.queued }).waitFor();
    await shot('receipt-queued');
    await nav(w.home);
    await page.getByRole('region', { name: w.balance }).getByText(w.pending).first().waitFor();
    await shot('home-offline');

    // Reconnect: the beneficiary lands, the top-up is refused (no money left): "Needs attention".
    await context.setOffline(false);
    const attention = page.getByRole('region', { name: w.attention });
    await attention.waitFor({ timeout: 20_000 });
    await shot('home-attention');

    await page.getByRole('button', { name: w.signOut }).click();
    await page.getByRole('heading', { name: w.signIn }).waitFor();
    await shot('signed-out');

    expect(found).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  }, 300_000); // 18 screens, each audited and photographed twice: minutes on a busy 2-core machine
});

