/**
 * Choosing the language: the first visit follows the device, Arabic paints right
 * to left from the HTML before any app script runs (no flash of English), and the
 * switch (sign-in, Account) applies at once, without a reload, and is remembered
 * on the device: across reloads, offline, and after signing out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { baseURL, createUser, newUser, serverAs, signIn, waitForServiceWorker, watchConsole, type Browser, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const context = (locale: string) => browser.newContext({ baseURL: baseURL(), viewport: { width: 375, height: 812 }, locale });
const html = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
const visibleH1 = (page: Page) => page.evaluate(() => [...document.querySelectorAll('h1')].filter((h) => h.checkVisibility()).map((h) => h.textContent));
const manifestHref = (page: Page) => page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));

describe('the first visit', () => {
  it('in Arabic paints the sign-in screen right to left from the HTML alone, before the app runs', async () => {
    const ctx = await context('ar-AE');
    const page = await ctx.newPage();
    // The app's scripts never arrive: what shows is what index.html (its inline boot script and stylesheet) paints.
    await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await page.goto('/signin');
    expect(await html(page)).toEqual(['ar', 'rtl']);
    expect(await visibleH1(page)).toEqual(['تسجيل الدخول']);
    expect(await page.getByText('Sign in', { exact: true }).first().isVisible()).toBe(false);
    await ctx.close();
  });

  it('follows the device: Arabic for ar-AE, English for en-US and for a language the app does not have', async () => {
    for (const [locale, lang, title] of [['ar-AE', 'ar', 'تسجيل الدخول'], ['en-US', 'en', 'Sign in'], ['fr-FR', 'en', 'Sign in']] as const) {
      const ctx = await context(locale);
      const page = await ctx.newPage();
      const console = watchConsole(page);
      await page.goto('/');
      // The static screen of index.html has the same heading: wait for the app's title.
      await expect.poll(() => page.title(), { message: locale }).toBe(`${title} · TopUp`);
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await html(page), locale).toEqual([lang, lang === 'ar' ? 'rtl' : 'ltr']);
      expect(await manifestHref(page), locale).toBe(lang === 'ar' ? '/manifest-ar.webmanifest' : '/manifest.webmanifest');
      expect(console.errors).toEqual([]);
      await ctx.close();
    }
  });

  it('makes an account in Arabic that speaks Arabic: its language on the server is ar', async () => {
    const ctx = await context('ar-AE');
    const page = await ctx.newPage();
    const console = watchConsole(page);
    const user = newUser('عائشة خان');
    await page.goto('/signup');
    await page.getByLabel('الاسم').fill(user.name);
    await page.getByLabel('البريد الإلكتروني').fill(user.email);
    await page.getByLabel('كلمة المرور').fill(user.password);
    await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await page.getByRole('button', { name: 'إضافة رصيد' }).waitFor();
    const server = await serverAs(user);
    await expect.poll(async () => (await server.me()).lang).toBe('ar');
    expect(console.errors).toEqual([]);
    await ctx.close();
  });

  it('serves a manifest per language', async () => {
    const ar = (await (await fetch(`${baseURL()}/manifest-ar.webmanifest`)).json()) as Record<string, unknown>;
    const en = (await (await fetch(`${baseURL()}/manifest.webmanifest`)).json()) as Record<string, unknown>;
    expect([ar.lang, ar.dir, en.lang, en.dir]).toEqual(['ar', 'rtl', 'en', 'ltr']);
    expect(ar.start_url).toBe(en.start_url);
    expect(ar.id).toBe(en.id);
    expect(String(ar.name)).toMatch(/[\u0600-\u06ff]/);
  });
});

describe('the language switch', () => {
  it('on sign-in changes at once without a reload and is remembered', async () => {
    const ctx = await context('ar-AE');
    const page = await ctx.newPage();
    const console = watchConsole(page);
    await page.goto('/signin');
    // The app, not index.html's static first paint (its buttons do nothing): the app titles the page.
    await page.waitForFunction(() => document.title === 'تسجيل الدخول · TopUp');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await html(page)).toEqual(['en', 'ltr']);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.title()).toBe('Sign in · TopUp');
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await html(page)).toEqual(['en', 'ltr']);
    // Sign-up offers it too (issue 21): someone creating an account can switch before typing.
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('heading', { name: 'أنشئ حسابك' }).waitFor();
    expect(await html(page)).toEqual(['ar', 'rtl']);
    expect(console.errors).toEqual([]);
    await ctx.close();
  });

  it('in Account works offline, survives a reload offline and signing out', async () => {
    const ctx = await context('en-US');
    const page = await ctx.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await createUser(user);
    await page.goto('/signin');
    await signIn(page, user);
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    await waitForServiceWorker(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', exact: true }).waitFor();

    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('heading', { name: 'الحساب', exact: true }).waitFor();
    expect(await html(page)).toEqual(['ar', 'rtl']);
    expect(await manifestHref(page)).toBe('/manifest-ar.webmanifest');
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'الرئيسية', exact: true }).click();
    await page.getByRole('button', { name: 'إضافة رصيد' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'إضافة رصيد' }).waitFor();
    expect(await html(page)).toEqual(['ar', 'rtl']);

    await ctx.setOffline(false);
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await html(page)).toEqual(['ar', 'rtl']);
    expect(console.errors).toEqual([]);
    await ctx.close();
  });
});
