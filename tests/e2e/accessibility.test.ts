/**
 * axe-core on every screen and dialog, light and dark: no serious or critical
 * violations. Plus the flows a keyboard-only person uses, with the exact
 * accessible names of issue 3. Screenshots of each screen land in
 * test-results/screenshots for a human look.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { addBeneficiary, addFunds, goHome, newContext, newUser, signInAs, signUp, topUp, watchConsole, type Browser, type Page, manage } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync('test-results/screenshots', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Colours are final once no transition or animation runs (the contexts also ask for reduced motion). */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  expect(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
}

async function audit(page: Page, screen: string, scheme: string): Promise<string[]> {
  await settled(page);
  await page.screenshot({ path: `test-results/screenshots/${screen}-${scheme}.png`, fullPage: false });
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen} (${scheme}): ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.each(['light', 'dark'] as const)('axe-core, %s scheme', (scheme) => {
  it('finds no serious or critical violations on any screen', async () => {
    const context = await newContext(browser, { colorScheme: scheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const console = watchConsole(page);
    const found: string[] = [];

    await page.goto('/signin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    found.push(...(await audit(page, 'signin', scheme)));
    await page.goto('/signup');
    await page.getByRole('button', { name: 'Create account' }).click(); // show the field errors too
    found.push(...(await audit(page, 'signup-errors', scheme)));

    await signUp(page, newUser());
    await addFunds(page, '500');
    await addBeneficiary(page, 'Mum', '0501234567');
    await page.getByLabel('Phone number').fill('12');
    await page.getByLabel('Nickname').focus();
    found.push(...(await audit(page, 'beneficiaries', scheme)));
    await manage(page, 'Mum');
    found.push(...(await audit(page, 'beneficiary-sheet', scheme)));
    await page.getByRole('button', { name: 'Delete Mum' }).click();
    found.push(...(await audit(page, 'delete-dialog', scheme)));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Rename Mum' }).click();
    found.push(...(await audit(page, 'rename-dialog', scheme)));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await topUp(page, 'Mum', 'AED 20');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
    found.push(...(await audit(page, 'receipt', scheme)));
    await goHome(page);
    found.push(...(await audit(page, 'home', scheme)));
    await page.getByRole('button', { name: 'Add funds' }).click();
    await page.getByLabel('Amount').fill('abc');
    await page.getByLabel('Amount').blur();
    found.push(...(await audit(page, 'add-funds-dialog', scheme)));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Top up Mum' }).click();
    await page.getByRole('radio', { name: 'AED 50', exact: true }).check();
    found.push(...(await audit(page, 'topup', scheme)));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('list', { name: 'Wallet activity' }).getByRole('listitem').first().waitFor();
    found.push(...(await audit(page, 'activity', scheme)));
    await page.getByRole('button', { name: 'Top-ups' }).click();
    await page.getByRole('list', { name: 'Top-ups' }).getByRole('listitem').first().waitFor();
    found.push(...(await audit(page, 'activity-topups', scheme)));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Verify identity' }).waitFor();
    found.push(...(await audit(page, 'account', scheme)));

    expect(found).toEqual([]);
    expect(console.errors).toEqual([]);
    await context.close();
  });
});

describe('names and keyboard', () => {
  it('uses the exact accessible names and works with the keyboard only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, newUser());

    // "Add funds" by keyboard: the dialog traps focus, Escape closes it, Enter submits.
    const addFundsButton = page.getByRole('button', { name: 'Add funds' });
    await addFundsButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add funds' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add funds');
    await page.keyboard.press('Enter');
    await page.keyboard.type('120');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Wallet balance' }).getByText('AED 120.00', { exact: true }).waitFor();
    // Closed by the deposit (not by Escape): focus is back on "Add funds" too, not lost to the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add funds');

    // Beneficiaries: labelled fields, a list named "Beneficiaries", a switch named "Active".
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Beneficiaries' }).click();
    await page.getByLabel('Nickname').fill('Mum');
    await page.getByLabel('Phone number').fill('0501234567');
    await page.getByLabel('Phone number').press('Enter');
    const mum = page.getByRole('list', { name: 'Beneficiaries' }).getByRole('listitem').filter({ hasText: 'Mum' });
    // Its actions are in a sheet opened from the row (a modal dialog: Escape closes it, focus goes back to "Manage").
    await mum.getByRole('button', { name: 'Manage Mum' }).focus();
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog', { name: 'Mum', exact: true });
    const active = sheet.getByRole('switch', { name: 'Active' });
    await expect.poll(() => active.getAttribute('aria-checked')).toBe('true');
    await active.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => active.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('switch');
    await page.keyboard.press('Space');
    await expect.poll(() => active.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Manage Mum');

    // Top up with the keyboard: radios named "AED 20", then confirm.
    await mum.getByRole('button', { name: 'Top up Mum' }).focus();
    await page.keyboard.press('Enter');
    const radio = page.getByRole('radio', { name: 'AED 20', exact: true });
    await radio.focus();
    await page.keyboard.press('Space');
    expect(await radio.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Confirm top-up' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
    await context.close();
  });

  it('explains why a sixth beneficiary cannot be activated', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, newUser());
    const phones = ['0501111111', '0502222222', '0503333333', '0504444444', '0505555555', '0506666666'];
    for (const [i, phone] of phones.entries()) await addBeneficiary(page, `Friend ${i + 1}`, phone);
    const sixth = page.getByRole('list', { name: 'Beneficiaries' }).getByRole('listitem').filter({ hasText: 'Friend 6' });
    await sixth.getByText('Inactive', { exact: true }).waitFor({ timeout: 15_000 });
    // A compact list (issue 21): one row each, however many; "Add" at the top goes straight to the form.
    const heights = await page.getByRole('list', { name: 'Beneficiaries' }).getByRole('listitem').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(heights).toHaveLength(6);
    for (const height of heights) expect(height).toBeLessThan(120);
    await page.evaluate(() => window.scrollTo(0, 0));
    const add = page.getByRole('link', { name: 'Add beneficiary' });
    expect((await add.boundingBox())!.y).toBeLessThan(200);
    await add.click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim())).toBe('Nickname');
    const sheet = await manage(page, 'Friend 6');
    const toggle = sheet.getByRole('switch', { name: 'Active' });
    await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 15_000 }).toBe('false');
    expect(await toggle.getAttribute('aria-disabled')).toBe('true');
    await toggle.click({ force: true }); // aria-disabled: clickable, but it only explains
    await page.getByText('At most 5 can be active', { exact: false }).waitFor();
    // Said where the person acted: in the sheet.
    await sheet.getByText('Friend 6 cannot be activated: 5 are already active. Deactivate one first.').waitFor();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await context.close();
  });
});
