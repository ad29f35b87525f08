/**
 * A returning person's Home paints its top from index.html before any app script
 * runs (app/first-paint/boot-home.js, app/first-paint/home-shot.ts; ADR 107, amendment 2026-12-03):
 * the greeting, the balance and this month's total as they last were — inert and
 * hidden from assistive technology, within the CSP, replaced by the app in one
 * step, and forgotten at sign-out. A first visit's static sign-in stays until the app's
 * sign-in, drawn beside it unseen, takes its place in one step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { addFunds, newContext, newUser, signInAs, watchConsole, type Browser, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SHOT = 'topup:home-shot';
const shotOf = (page: Page) => page.evaluate((key) => localStorage.getItem(key), SHOT);

describe("Home's first paint", () => {
  it('is the top of Home as it last was, painted by the HTML alone, inert, and replaced by the app', async () => {
    // No service worker: with the app's scripts refused, only index.html can paint.
    const ctx = await newContext(browser, { serviceWorkers: 'block' });
    const page = await ctx.newPage();
    const console = watchConsole(page, [/ERR_FAILED/]);
    await signInAs(page, newUser('Aisha Khan'));
    await addFunds(page, '50');
    // Leaving Home keeps its picture.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'Activity' }).waitFor();
    await expect.poll(() => shotOf(page)).toContain('AED&nbsp;50.00');

    await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
    await page.goto('/');
    const shot = page.locator('#home-shot');
    await shot.waitFor();
    expect(await shot.getAttribute('inert')).toBe('');
    expect(await shot.getAttribute('aria-hidden')).toBe('true');
    expect(await shot.innerText()).toMatch(/Hello Aisha[\s\S]*AED\s50\.00[\s\S]*Top-ups this month/);
    // Only the top: the beneficiaries and the activity are the app's to show.
    expect(await shot.locator('section').count()).toBe(1);
    // Hidden from assistive technology: nothing in it is a button or a heading to a screen reader.
    expect(await page.getByRole('button', { name: 'Add funds' }).count()).toBe(0);
    // The bar's width came through the CSSOM (the CSP refuses style attributes in markup).
    expect(await shot.locator('[data-style]').count()).toBeGreaterThan(0);
    expect(await shot.locator('[data-style]').evaluateAll((els) => els.map((el) => (el as HTMLElement).style.width))).not.toContain('');

    await page.unroute(/\/assets\/.*\.js$/);
    await page.goto('/');
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    expect(await page.locator('#home-shot').count()).toBe(0);
    expect(await page.locator('#app').count()).toBe(1);
    expect(await page.locator('#app').isVisible()).toBe(true);
    expect(console.errors).toEqual([]);
    await ctx.close();
  });

  it('is forgotten at sign-out, and never shown to the next person', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signInAs(page, newUser('Aisha Khan'));
    // Kept once Home has shown (when the browser is next idle).
    await expect.poll(() => shotOf(page)).toContain('Hello Aisha');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await shotOf(page)).toBeNull();

    await signInAs(page, newUser('Omar Said'));
    await page.reload();
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Aisha');
    await ctx.close();
  });
});

describe("a first visit's static sign-in", () => {
  it('stays until the app has drawn its sign-in, which then takes its place in one step', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const console = watchConsole(page);
    // After every change to the page (a MutationObserver runs after each task's changes): how many
    // sign-in screens are there, and which.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      const look = () => {
        const visible = [...document.querySelectorAll('main')].filter((main) => main.checkVisibility());
        seen.push(visible.map((main) => (main.classList.contains('static-signin') ? 'static' : main.querySelector('h1') ? 'app' : 'empty')).join('+') || 'none');
      };
      addEventListener('DOMContentLoaded', () => {
        look();
        new MutationObserver(look).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'class'] });
      });
    });
    await page.goto('/signin');
    await page.waitForFunction(() => document.title === 'Sign in · TopUp');
    // Settled, not a while later: the swap has happened and the app's sign-in takes input.
    await page.waitForFunction(() => !document.querySelector('.static-signin') && document.querySelector('#app main h1') !== null);
    await expect.poll(() => page.getByLabel('Email').isEnabled()).toBe(true);
    const seen = [...new Set(await page.evaluate(() => (window as unknown as { seen: string[] }).seen))];
    // Never two screens, never an empty one: the static screen, then the app's.
    expect(seen).toEqual(['static', 'app']);
    expect(await page.locator('.static-signin').count()).toBe(0);
    expect(await page.locator('#app').count()).toBe(1);
    expect(console.errors).toEqual([]);
    await ctx.close();
  });
});
