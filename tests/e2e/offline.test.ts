/**
 * The main story of issue 3: online, then offline (reload included), then back
 * online with everything queued landing on the server exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import {
  addBeneficiary,
  addFunds,
  goHome,
  newContext,
  newUser,
  recordWrites,
  expectNoWritesWithin,
  serverAs,
  signInAs,
  topUp,
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

describe('online, then offline, then back online', () => {
  it('works offline from the cache and lands every queued change once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const sent = recordWrites(context);
    const user = newUser();

    // Online: sign in, add funds, add a beneficiary, top up.
    await signInAs(page, user);
    await addFunds(page, '200');
    await expect.poll(() => page.getByText('AED 200.00', { exact: true }).count()).toBeGreaterThan(0);
    await addBeneficiary(page, 'Mum', '050 123 4567');
    await topUp(page, 'Mum', 'AED 20');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
    // The simulator's reference, the whole of its cell: SIM- and 12 characters of the top-up id.
    await expect(page.getByText(/^SIM-[0-9A-F]{12}$/).count()).resolves.toBe(1);

    // Offline, reload included: the cached state shows, marked "Offline".
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await page.getByText('Offline', { exact: true }).waitFor();
    await page.getByText(/last synced/).waitFor();
    await goHome(page);
    await page.getByText('AED 179.00', { exact: true }).waitFor();
    const homeList = page.getByRole('list', { name: 'Beneficiaries' });
    await homeList.getByRole('heading', { name: 'Mum' }).waitFor();

    // Offline: add a beneficiary and top it up (client-made id), both pending.
    await addBeneficiary(page, 'Dad', '+971 52 765 4321');
    const dad = page.getByRole('list', { name: 'Beneficiaries' }).getByRole('listitem').filter({ hasText: 'Dad' });
    await dad.getByText('Pending').first().waitFor();
    await topUp(page, 'Dad', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up queued' }).waitFor();
    // The offline pill says what waits to be sent: the beneficiary and the top-up.
    await page.locator('header').getByText('2 pending', { exact: true }).waitFor();
    await goHome(page);
    await page.getByText('AED 168.00', { exact: true }).waitFor();
    const balanceCard = page.getByRole('region', { name: 'Wallet balance' });
    await balanceCard.getByText('Pending').first().waitFor();

    // Back online: the outbox flushes and the screen settles on the server's figures.
    await context.setOffline(false);
    await expect.poll(() => balanceCard.getByText('Pending').count(), { timeout: 20_000 }).toBe(0);
    await expect(balanceCard.getByText('AED 168.00', { exact: true }).count()).resolves.toBe(1);
    await page.getByText('Offline', { exact: true }).waitFor({ state: 'detached' });

    // A reload (a fresh flush attempt) must not send anything twice: once its refresh
    // has come back (the flush runs before it), no write goes out over the next moments.
    const beforeReload = sent.writes.length;
    const refreshed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/bootstrap');
    await page.reload();
    await page.getByRole('button', { name: 'Add funds' }).waitFor();
    await refreshed;
    await expectNoWritesWithin(sent, beforeReload);

    const server = await serverAs(user);
    const beneficiaries = (await server.beneficiaries()).items;
    expect(beneficiaries.map((b) => [b.nickname, b.phone]).sort()).toEqual([
      ['Dad', '+971527654321'],
      ['Mum', '+971501234567'],
    ]);
    const dadId = beneficiaries.find((b) => b.nickname === 'Dad')!.id;
    const topups = (await server.topups()).items;
    expect(topups.filter((t) => t.beneficiary_id === dadId).map((t) => [t.amount, t.status])).toEqual([[1000, 'completed']]);
    const debits = (await server.transactions()).items.filter((t) => t.kind === 'topup');
    expect(debits.map((t) => t.amount).sort((a, b) => a - b)).toEqual([-2000, -1000]);
    expect(debits.filter((t) => t.beneficiary_id === dadId)).toHaveLength(1);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('shows "Needs attention" and rolls back when the server refuses a queued top-up', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page, [/status of 409/]);
    const user = newUser('Omar');
    await signInAs(page, user);
    await addFunds(page, '10');
    await addBeneficiary(page, 'Sis', '0551112222');
    await waitForServiceWorker(page);

    // While this phone is offline, the same account spends money on another device.
    await context.setOffline(true);
    const server = await serverAs(user);
    const sisId = (await server.beneficiaries()).items[0]!.id;
    expect((await server.post('/api/topups', { beneficiary_id: sisId, amount: 500 })).status).toBe(201);

    // The phone still believes AED 10.00 is there and queues a top-up of AED 5 + fee.
    await topUp(page, 'Sis', 'AED 5');
    await page.getByRole('heading', { name: 'Top-up queued' }).waitFor();
    await goHome(page);

    await context.setOffline(false);
    const attention = page.getByRole('region', { name: 'Needs attention' });
    await attention.waitFor({ timeout: 20_000 });
    await attention.getByText('Not done: Not enough balance').waitFor();
    const balanceCard = page.getByRole('region', { name: 'Wallet balance' });
    await expect.poll(() => balanceCard.getByText('AED 4.00', { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    await expect(balanceCard.getByText('Pending').count()).resolves.toBe(0);
    // No "Retry" while it would be refused again; once the balance covers it, there is.
    expect(await attention.getByRole('button', { name: /^Retry/ }).count()).toBe(0);
    expect((await server.post('/api/wallet/deposits', { amount: 1000 })).status).toBe(201);
    await page.reload();
    await expect.poll(() => balanceCard.getByText('AED 14.00', { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    await attention.getByRole('button', { name: /^Retry/ }).waitFor();
    await attention.getByRole('button', { name: /^Dismiss/ }).click();
    await attention.waitFor({ state: 'detached' });
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('applies a change once even when the answer to the first attempt is lost', async () => {
    // Service workers blocked so page.route sees the app's own /api/sync requests.
    const context = await newContext(browser, { serviceWorkers: 'block' });
    const page = await context.newPage();
    const console = watchConsole(page, [/net::ERR_CONNECTION_RESET/]);
    const user = newUser('Lina');
    await signInAs(page, user);

    let dropped = 0;
    await page.route('**/api/sync', async (route) => {
      if (dropped === 0) {
        dropped++;
        await route.fetch(); // the server does the work…
        await route.abort('connectionreset'); // …and the answer never arrives
        return;
      }
      await route.continue();
    });
    await addFunds(page, '75');
    const balanceCard = page.getByRole('region', { name: 'Wallet balance' });
    await expect.poll(() => balanceCard.getByText('Pending').count(), { timeout: 30_000 }).toBe(0);
    await balanceCard.getByText('AED 75.00', { exact: true }).waitFor();

    const deposits = (await (await serverAs(user)).transactions()).items.filter((t) => t.kind === 'deposit');
    expect(dropped).toBe(1);
    expect(deposits.map((t) => t.amount)).toEqual([7500]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});
