/**
 * The outbox belongs to one user: sign-out wipes the device, an expired session
 * keeps the queue until the same person signs in again, and a second tab sees
 * changes made in the first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import {
  addBeneficiary,
  addFunds,
  dumpIndexedDb,
  goHome,
  newContext,
  newUser,
  recordWrites,
  expectNoWritesWithin,
  serverAs,
  signIn,
  signInAs,
  waitForServiceWorker,
  watchConsole,
  type Browser,
} from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const userDatabases = (dump: Record<string, unknown>) => Object.keys(dump).filter((name) => name.startsWith('topup-user-'));

describe('sign-out', () => {
  it('leaves no user data in IndexedDB or Cache Storage', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    await addFunds(page, '50');
    await addBeneficiary(page, 'Mum', '0501234567');
    await expect.poll(async () => userDatabases(await dumpIndexedDb(page)).length).toBe(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const dump = await dumpIndexedDb(page);
    expect(userDatabases(dump)).toEqual([]);
    const text = JSON.stringify(dump);
    expect(text).not.toContain(user.email);
    expect(text).not.toContain('Mum');
    expect(text).not.toContain('+971501234567');
    const apiCaches = await page.evaluate(async () => (await caches.keys()).filter((name: string) => !name.startsWith('workbox-precache')));
    expect(apiCaches).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    // The server session is over too: the app asks to sign in after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('warns before deleting changes that are still queued', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const user = newUser();
    await signInAs(page, user);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await addFunds(page, '20');

    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign out and lose unsent changes?' });
    await dialog.getByText('1 change has not reached the server yet', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign out anyway' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(userDatabases(await dumpIndexedDb(page))).toEqual([]);
    await context.setOffline(false);
    await context.close();
  });
});

describe('an expired session', () => {
  it('keeps the queue, asks to sign in again, then replays it once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page, [/status of 401/]);
    const user = newUser('Rania');
    await signInAs(page, user);
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await addFunds(page, '30');
    await context.clearCookies(); // the session is gone (expired, revoked…)
    await context.setOffline(false);

    const banner = page.getByRole('alert').filter({ hasText: 'Your session has expired' });
    await banner.waitFor({ timeout: 20_000 });
    const balanceCard = page.getByRole('region', { name: 'Wallet balance' });
    await balanceCard.getByText('Pending').waitFor();
    await banner.getByRole('link', { name: 'Sign in again' }).click();
    await signIn(page, user);
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    await expect.poll(() => balanceCard.getByText('Pending').count(), { timeout: 20_000 }).toBe(0);
    await balanceCard.getByText('AED 30.00', { exact: true }).waitFor();

    const deposits = (await (await serverAs(user)).transactions()).items.filter((t) => t.kind === 'deposit');
    expect(deposits.map((t) => t.amount)).toEqual([3000]);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it("never replays one user's queue as another user", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page, [/status of 401/]);
    const sent = recordWrites(context);
    const first = newUser('First');
    const second = newUser('Second');
    await signInAs(page, first);
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await addFunds(page, '40');
    await context.clearCookies();
    await context.setOffline(false);
    const banner = page.getByRole('alert').filter({ hasText: 'Your session has expired' });
    await banner.waitFor({ timeout: 20_000 });

    // Someone else signs in on this device: the first user's deposit must not land in their wallet.
    await banner.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill(second.name);
    await page.getByLabel('Email').fill(second.email);
    await page.getByLabel('Password').fill(second.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const refreshed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/bootstrap' && r.status() === 200);
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    await page.getByRole('region', { name: 'Wallet balance' }).getByText('AED 0.00', { exact: true }).waitFor();
    // Once the second user's first refresh is back (a flush runs before it), nothing is sent over the next moments.
    await refreshed;
    const signedUpAt = sent.writes.lastIndexOf('POST /api/auth/signup');
    expect(signedUpAt).toBeGreaterThanOrEqual(0);
    await expectNoWritesWithin(sent, signedUpAt + 1);
    expect((await (await serverAs(second)).transactions()).items).toEqual([]);
    expect((await (await serverAs(first)).transactions()).items).toEqual([]);

    // The first user's queue is still on the device, in their own database, for when they return.
    const dump = await dumpIndexedDb(page);
    const queued = Object.entries(dump)
      .filter(([name]) => name.startsWith('topup-user-'))
      .flatMap(([, stores]) => (stores.outbox ?? []) as { intent: { amount?: number } }[]);
    expect(queued.map((e) => e.intent.amount)).toEqual([4000]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

describe('two tabs', () => {
  it('shows a change made in one tab in the other', async () => {
    const context = await newContext(browser);
    const first = await context.newPage();
    const user = newUser();
    await signInAs(first, user);
    const second = await context.newPage();
    await second.goto('/');
    await second.getByRole('button', { name: 'Add funds' }).waitFor();

    await addBeneficiary(first, 'Uncle', '0567778888');
    await goHome(first);
    await second.getByRole('list', { name: 'Beneficiaries' }).getByRole('heading', { name: 'Uncle' }).waitFor({ timeout: 15_000 });
    await addFunds(second, '15');
    await first.getByRole('region', { name: 'Wallet balance' }).getByText('AED 15.00', { exact: true }).waitFor({ timeout: 15_000 });
    const deposits = (await (await serverAs(user)).transactions()).items.filter((t) => t.kind === 'deposit');
    expect(deposits).toHaveLength(1);
    await context.close();
  });
});
