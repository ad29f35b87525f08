/**
 * One-tap repeat and the receipt's additions: the balance after, "Share" (copies
 * the text where Web Share is missing, as in desktop Chromium), "Top up again"
 * from the receipt and from Home straight to the confirm step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './chromium';
import { addBeneficiary, addFunds, goHome, newContext, newUser, serverAs, signInAs, topUp, watchConsole, type Browser } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('top up again', () => {
  it('goes from a receipt or Home to the confirm step with the same beneficiary and amount', async () => {
    const context = await newContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const console = watchConsole(page);
    const user = newUser();
    await signInAs(page, user);
    await addFunds(page, '200');
    await addBeneficiary(page, 'Mum', '050 123 4567');
    await topUp(page, 'Mum', 'AED 30');
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();

    // The receipt: balance after (200 − 30 − 1 fee), from the top-up's answer.
    const balanceAfter = page.locator('dt', { hasText: 'Wallet balance after' }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => balanceAfter.textContent()).toBe('AED\u00a0169.00');

    // No Web Share here: the receipt text goes to the clipboard.
    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
    await page.getByRole('button', { name: 'Share receipt' }).click();
    await page.getByText('Receipt copied. Paste it wherever you like.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('TopUp receipt\nTop-up completed\nTo: Mum (+971 50 123 4567)\nAmount: AED\u00a030.00');

    // One tap: the confirm step, Mum and AED 30 already chosen.
    await page.getByRole('link', { name: 'Top up again (Mum, AED 30)' }).click();
    await page.getByRole('heading', { name: 'Top up Mum' }).waitFor();
    expect(await page.getByRole('radio', { name: 'AED 30', exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Confirm top-up' }).click();
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();

    // From Home: the last top-up, again.
    await goHome(page);
    await page.getByRole('link', { name: 'Top up again (Mum, AED 30)' }).click();
    expect(await page.getByRole('radio', { name: 'AED 30', exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Confirm top-up' }).click();
    await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();

    const server = await serverAs(user);
    expect((await server.topups()).items.map((t) => [t.beneficiary_id, t.amount, t.status])).toEqual(
      Array.from({ length: 3 }, (): unknown[] => [expect.any(String), 3000, 'completed']),
    );
    expect(console.errors).toEqual([]);
    await context.close();
  });
});
