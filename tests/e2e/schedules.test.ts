/**
 * Auto top-up in Chromium against the real server: set one up from an empty Home,
 * fire the cron (`npm start -- --test-scheduled`), see the run's result in the app
 * and its top-up on the server; set one up offline and see it sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSchedule } from '../../worker/contract/types';
import AxeBuilder from '@axe-core/playwright';
import { launch } from './chromium';
import { addBeneficiary, addFunds, baseURL, goHome, manage, newContext, newUser, serverAs, signInAs, topUp, waitForServiceWorker, watchConsole, type Browser, type Page } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core on the screen as it is: no serious or critical violation (the same tags as accessibility.test.ts). */
async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function setUpAutoTopup(page: Page, nickname: string, amount: string, every: 'Every week' | 'Every month'): Promise<void> {
  await manage(page, nickname);
  await page.getByRole('button', { name: `Set up auto top-up (${nickname})` }).click();
  const dialog = page.getByRole('dialog', { name: `Set up auto top-up for ${nickname}` });
  await dialog.getByRole('radio', { name: amount, exact: true }).check();
  await dialog.getByRole('radio', { name: every }).check();
  expect(await axe(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save auto top-up' }).click();
  // Back in the beneficiary's sheet.
  await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
}

/** The schedules the server holds for this user. */
async function schedulesOf(token: string) {
  const response = await fetch(`${baseURL()}/api/schedules`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Pick<ApiSchedule, 'id' | 'beneficiary_id' | 'amount' | 'every' | 'status' | 'last_run'>[] }).items;
}

async function tokenOf(user: { email: string; password: string }): Promise<string> {
  const login = await fetch(`${baseURL()}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(user) });
  return ((await login.json()) as { token: string }).token;
}

describe('auto top-up', () => {
  it('is set up on a beneficiary, runs when the cron fires, and shows the result', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);

    // An empty Home offers the first step directly; the form is ready to type in.
    await page.getByRole('link', { name: 'Add beneficiary' }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim())).toBe('Nickname');
    // No Contact Picker API in desktop Chromium: the button is not offered.
    expect(await page.getByRole('button', { name: 'Choose from contacts' }).count()).toBe(0);
    await goHome(page);
    await addFunds(page, '100');
    await addBeneficiary(page, 'Mum', '050 123 4567');

    await setUpAutoTopup(page, 'Mum', 'AED 20', 'Every week');
    await page.getByText('AED 20 every week').waitFor();
    const token = await tokenOf(user);
    await expect.poll(async () => (await schedulesOf(token)).map((s) => [s.amount, s.every]), { timeout: 15_000 }).toEqual([[2000, 'week']]);
    await page.getByText('No top-up made yet.').waitFor();

    // The cron finds it due (starts_at defaults to now), the queue consumer makes the run.
    const fired = await fetch(`${baseURL()}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(fired.status).toBe(200);
    await expect
      .poll(
        async () => {
          await page.reload();
          await manage(page, 'Mum');
          return page.getByTestId('schedule-last-run').first().textContent({ timeout: 5000 });
        },
        { timeout: 45_000, interval: 2000 },
      )
      .toMatch(/^Last: completed/);
    await page.getByText(/^Next: /).waitFor();
    expect(await axe(page)).toEqual([]);

    await page.keyboard.press('Escape');
    const server = await serverAs(user);
    const topups = (await server.topups()).items;
    expect(topups.map((t) => [t.amount, t.status, t.schedule_id])).toEqual([[2000, 'completed', (await schedulesOf(token))[0]!.id]]);
    // Home lists it among the upcoming auto top-ups, and offers the top-up just made again.
    await goHome(page);
    await page.getByRole('heading', { name: 'Upcoming auto top-ups' }).waitFor();
    await page.getByRole('link', { name: 'Top up again (Mum, AED 20)' }).waitFor();
    expect(await axe(page)).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('is set up offline with a client id, shows as pending, and syncs when back online', async () => {
    const context = await newContext(browser, { colorScheme: 'dark' });
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    await addBeneficiary(page, 'Dad', '052 765 4321');

    await waitForServiceWorker(page);
    await context.setOffline(true);
    await setUpAutoTopup(page, 'Dad', 'AED 50', 'Every month');
    await page.getByText('AED 50 every month').waitFor();
    await page.getByText('Next: when this device is back online').waitFor();
    const panel = page.getByRole('dialog', { name: 'Dad', exact: true });
    await expect.poll(() => panel.getByText('Pending', { exact: true }).count()).toBeGreaterThan(0);
    const queuedId = await page.evaluate(async () => {
      const name = (await indexedDB.databases()).find((d) => d.name?.startsWith('topup-user-'))!.name!;
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
      });
      const all = await new Promise<{ intent: { type: string; id?: string } }[]>((resolve) => {
        const request = db.transaction('outbox').objectStore('outbox').getAll();
        request.onsuccess = () => resolve(request.result as { intent: { type: string; id?: string } }[]);
      });
      db.close();
      return all.find((e) => e.intent.type === 'addSchedule')?.intent.id ?? null;
    });
    expect(queuedId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await axe(page)).toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => panel.getByText('Pending', { exact: true }).count(), { timeout: 20_000 }).toBe(0);
    await page.getByText(/^Next: /).waitFor();
    const token = await tokenOf(user);
    expect((await schedulesOf(token)).map((s) => [s.id, s.amount, s.every])).toEqual([[queuedId, 5000, 'month']]);

    // Pause and resume, then delete: each reaches the server.
    await page.getByRole('button', { name: 'Pause (Auto top-up, Dad)' }).click();
    await page.getByText('Paused', { exact: true }).waitFor();
    await expect.poll(async () => (await schedulesOf(token)).map((s) => s.status), { timeout: 15_000 }).toEqual(['paused']);
    await page.getByRole('button', { name: 'Resume (Auto top-up, Dad)' }).click();
    await expect.poll(async () => (await schedulesOf(token)).map((s) => s.status), { timeout: 15_000 }).toEqual(['active']);
    await page.getByRole('button', { name: 'Delete (Auto top-up, Dad)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, stop it' }).click();
    await page.getByRole('button', { name: 'Set up auto top-up (Dad)' }).waitFor();
    await expect.poll(async () => (await schedulesOf(token)).length, { timeout: 15_000 }).toBe(0);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('shows amount, fee, total and first run, warns before saving, never shows a past "Next", and Home does not offer a refused run again', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    await addFunds(page, '30');
    await addBeneficiary(page, 'Mum', '050 123 4567');
    await topUp(page, 'Mum', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
    // Balance 19: Home offers the AED 10 top-up again.
    await goHome(page);
    await page.getByRole('link', { name: 'Top up again (Mum, AED 10)' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Beneficiaries' }).click();
    await manage(page, 'Mum');
    await page.getByRole('button', { name: 'Set up auto top-up (Mum)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up auto top-up for Mum' });
    await dialog.getByRole('radio', { name: 'AED 20', exact: true }).check();
    await dialog.getByRole('radio', { name: 'Every week' }).check();
    const term = (name: string) => dialog.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
    expect(await term('Each top-up').textContent()).toBe('AED\u00a020.00');
    expect(await term('Fee').textContent()).toBe('AED\u00a01.00');
    expect(await term('Total each time').textContent()).toBe('AED\u00a021.00');
    expect(await term('First top-up').textContent()).toBe('Now, as soon as you save');
    expect(await term('Then').textContent()).toMatch(/^\d{1,2} \w{3} \d{4}, .+, and every week after$/);
    // Checked before saving: the balance does not cover it. A warning that describes the save button, not a refusal.
    const warning = 'Your balance (AED\u00a019.00) does not cover the first top-up (AED\u00a021.00). Add funds before it runs, or it will be refused.';
    await dialog.getByText(warning).waitFor();
    const save = dialog.getByRole('button', { name: 'Save auto top-up' });
    const description = () => save.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
    expect(await description()).toBe(warning);
    await dialog.getByRole('radio', { name: 'AED 10', exact: true }).check();
    await expect.poll(description).toBe('');
    await dialog.getByRole('radio', { name: 'AED 20', exact: true }).check();
    await dialog.getByText(warning).waitFor();
    expect(await axe(page)).toEqual([]);
    await save.click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);

    // Saved and due: its time has come, so it says so rather than a time already past.
    await page.getByText('Next: due now, made within a few minutes').waitFor({ timeout: 15_000 });
    const fired = await fetch(`${baseURL()}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(fired.status).toBe(200);
    await expect
      .poll(
        async () => {
          await page.reload();
          await manage(page, 'Mum');
          return page.getByTestId('schedule-last-run').first().textContent({ timeout: 5000 });
        },
        { timeout: 45_000, interval: 2000 },
      )
      .toMatch(/^Last: not made .+ Your wallet did not have enough money\. Nothing was debited\.$/);
    await page.getByText(/^Next: \d{1,2} \w{3} \d{4}/).waitFor();

    // Home: the refused run is shown as such, and the last top-up is not promoted over it.
    await page.keyboard.press('Escape');
    await goHome(page);
    await page.getByRole('heading', { name: 'Upcoming auto top-ups' }).waitFor();
    await page.getByText(/^Last: not made/).waitFor();
    expect(await page.getByRole('link', { name: /^Top up again/ }).count()).toBe(0);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});
