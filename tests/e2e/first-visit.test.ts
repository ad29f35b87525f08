/**
 * A first visit's static sign-in (index.html) is usable before the app's scripts arrive
 * (issue 19): its fields take typing at once, what was typed and where the caret was
 * survive the app taking over, and a press of Sign in made meanwhile signs in when the
 * app is there. The app's scripts are held back by the test until it says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { createUser, newContext, newUser, watchConsole, type Browser, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens sign-in with the app's scripts held until `release()` (no service worker: every request is the page's). */
async function heldBack(lang: 'en' | 'ar'): Promise<{ page: Page; release: () => void; close: () => Promise<void> }> {
  const ctx = await newContext(browser, { serviceWorkers: 'block' });
  const page = await ctx.newPage();
  await page.addInitScript((chosen) => localStorage.setItem('topup:locale', chosen), lang);
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  // Not until `load`: the held scripts would hold it.
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await page.locator(`.static-${lang} input[type=email]`).waitFor();
  return { page, release, close: () => ctx.close() };
}

const focusedAppField = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active instanceof HTMLInputElement && active.closest('#app') && !active.closest('.static-signin') ? active.type : null;
  });

describe("a first visit's static sign-in", () => {
  it('takes typing before any script of the app has run, and a press of Sign in signs in once the app is there', async () => {
    const user = newUser('Layla Haddad');
    await createUser(user);
    const { page, release, close } = await heldBack('en');
    const console = watchConsole(page);
    const email = page.locator('.static-en input[type=email]');
    const password = page.locator('.static-en input[type=password]');
    expect(await email.isEnabled()).toBe(true);
    expect(await password.isEnabled()).toBe(true);
    await email.fill(user.email);
    await password.fill(user.password);
    await password.press('Enter');
    // Kept, shown as under way, and no page load (the static form has no names to send anyway).
    expect(await page.locator('html').getAttribute('data-signin-pending')).toBe('');
    expect(await page.locator('.static-en button[type=submit]').getAttribute('aria-busy')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.static-signin').count()).toBe(1);
    release();
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    expect(await page.locator('html').getAttribute('data-signin-pending')).toBeNull();
    expect(console.errors).toEqual([]);
    await close();
  });

  it('keeps what was typed and the field in focus when the app takes over (Arabic), and typing goes on there', async () => {
    const user = newUser('Omar Said');
    await createUser(user);
    const { page, release, close } = await heldBack('ar');
    await page.locator('.static-ar input[type=email]').fill(user.email);
    const password = page.locator('.static-ar input[type=password]');
    await password.click();
    await password.pressSequentially(user.password.slice(0, 4));
    release();
    // The app's sign-in has taken the static one's place, with the caret still in the password field.
    await expect.poll(() => page.locator('.static-signin').count()).toBe(0);
    await expect.poll(() => focusedAppField(page)).toBe('password');
    expect(await page.locator('#app input[type=email]').inputValue()).toBe(user.email);
    expect(await page.locator('#app input[type=password]').inputValue()).toBe(user.password.slice(0, 4));
    await page.keyboard.type(user.password.slice(4));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'إضافة رصيد' }).waitFor();
    await close();
  });
});

describe('the passkey button on a first visit', () => {
  it('keeps a press made on the static sign-in and presses the app’s button for it when the app takes over', async () => {
    const { page, release, close } = await heldBack('en');
    const options = page.waitForRequest((r) => r.url().endsWith('/api/auth/passkey/options') && r.method() === 'POST');
    await page.locator('.static-en .passkey-slot button').click();
    expect(await page.locator('html').getAttribute('data-passkey-pending')).toBe('');
    expect(await page.locator('.static-en .passkey-slot button').getAttribute('aria-busy')).toBe('true');
    release();
    // The ceremony starts without a second press (this browser has no authenticator: it ends, said gently).
    await options;
    await page.getByRole('alert').filter({ hasText: 'No passkey was used. Try again, or sign in with your password.' }).waitFor();
    expect(await page.locator('html').getAttribute('data-passkey-pending')).toBeNull();
    await close();
  });

  it('says its message in words when pressed by a click alone (as screen readers and switch access press), in Arabic too', async () => {
    for (const [lang, words] of [
      ['en', 'No passkey was used. Try again, or sign in with your password.'],
      ['ar', 'لم يُستخدم أي مفتاح مرور. حاول مرة أخرى، أو سجّل الدخول بكلمة المرور.'],
    ] as const) {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      await page.addInitScript((chosen) => localStorage.setItem('topup:locale', chosen), lang);
      await page.goto('/');
      await expect.poll(() => page.locator('.static-signin').count()).toBe(0);
      // A click event with no pointer or key before it: the rest of the words are not in yet.
      await page.locator('#app .passkey-slot button').dispatchEvent('click');
      await page.getByRole('alert').filter({ hasText: words }).waitFor();
      expect(await page.getByRole('alert').textContent()).not.toContain('security.');
      await ctx.close();
    }
  });
});
