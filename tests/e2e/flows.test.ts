/**
 * The rest of what the API offers, clicked the way a person does: managing
 * beneficiaries, a declined top-up, identity verification, and activity that
 * pages through the cursor as you scroll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { addBeneficiary, addFunds, goHome, newContext, newUser, serverAs, signInAs, topUp, watchConsole, type Browser, manage } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('flows', () => {
  it('renames, deactivates and deletes a beneficiary (with confirmation)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    await addBeneficiary(page, 'Mum', '0501234567');
    await addBeneficiary(page, 'Sis', '0559876543');
    const list = page.getByRole('list', { name: 'Beneficiaries' });

    await manage(page, 'Mum');
    await page.getByRole('button', { name: 'Rename Mum' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Mum' });
    await rename.getByLabel('Nickname').fill('   ');
    await rename.getByRole('button', { name: 'Save name' }).click();
    await rename.getByText('Nickname is required').waitFor();
    await rename.getByLabel('Nickname').fill('Mother 👩‍👧');
    await rename.getByRole('button', { name: 'Save name' }).click();
    await list.getByRole('heading', { name: 'Mother 👩‍👧' }).waitFor();

    await page.keyboard.press('Escape');
    const sis = list.getByRole('listitem').filter({ hasText: 'Sis' });
    const sisSheet = await manage(page, 'Sis');
    await sisSheet.getByRole('switch', { name: 'Active' }).click();
    await expect.poll(() => sisSheet.getByRole('switch', { name: 'Active' }).getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => sis.getByRole('button', { name: 'Top up Sis' }).count()).toBe(0);

    await page.keyboard.press('Escape');
    await manage(page, 'Mother 👩‍👧');
    await page.getByRole('button', { name: 'Delete Mother 👩‍👧' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Mother 👩‍👧?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await list.getByRole('heading', { name: 'Mother 👩‍👧' }).waitFor();
    await page.getByRole('button', { name: 'Delete Mother 👩‍👧' }).click();
    await confirm.getByRole('button', { name: 'Yes, delete' }).click();
    await list.getByRole('heading', { name: 'Mother 👩‍👧' }).waitFor({ state: 'detached' });

    const server = await serverAs(user);
    await expect
      .poll(async () => (await server.beneficiaries()).items.map((b) => [b.nickname, b.active]), { timeout: 15_000 })
      .toEqual([['Sis', false]]);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('validates with the same rules as the server while typing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, newUser());
    await addBeneficiary(page, 'Mum', '0501234567');
    const phone = page.getByLabel('Phone number');
    await phone.fill('+971 50 123 4567');
    await page.getByText('You already have a beneficiary with this number').waitFor();
    await phone.fill('00971-52-(765)-4321');
    await page.getByText('Likely du', { exact: false }).waitFor();
    await page.getByLabel('Nickname').fill('A name that is far too long for this');
    await page.getByLabel('Nickname').blur();
    await page.getByText('Nickname must be at most 20 characters').waitFor();
    await context.close();
  });

  it('shows a declined top-up as refunded, with its receipt', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const user = newUser();
    await signInAs(page, user);
    await addFunds(page, '50');
    await addBeneficiary(page, 'Work', '0501230000'); // the simulator declines numbers ending in 0000
    await topUp(page, 'Work', 'AED 10');
    await page.getByRole('heading', { name: 'Top-up declined and refunded' }).waitFor({ timeout: 20_000 });
    await page.getByText('+971 50 123 0000').waitFor();
    await goHome(page);
    await page.getByRole('region', { name: 'Wallet balance' }).getByText('AED 50.00', { exact: true }).waitFor();
    const kinds = (await (await serverAs(user)).transactions()).items.map((t) => t.kind);
    expect(kinds.sort()).toEqual(['deposit', 'refund', 'topup']);
    await context.close();
  });

  it('verifies identity, which raises the per-beneficiary limit', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, newUser());
    await addBeneficiary(page, 'Mum', '0501234567');
    await page.getByText('AED 0.00 of AED 500.00').first().waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByText('raise each beneficiary', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Verify identity' }).click();
    await page.getByText('Verified.', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Beneficiaries' }).click();
    await page.getByText('AED 0.00 of AED 1,000.00').first().waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('pages through activity with the cursor as the person scrolls', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const user = newUser();
    await signInAs(page, user);
    const server = await serverAs(user);
    for (let i = 1; i <= 45; i++) expect((await server.post('/api/wallet/deposits', { amount: i * 100 })).status).toBe(201);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    const items = page.getByRole('list', { name: 'Wallet activity' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(20);
    await items.nth(19).scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 5000);
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(40);
    await page.mouse.wheel(0, 5000);
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(45);
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    await context.close();
  });
});
