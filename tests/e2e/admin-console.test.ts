/**
 * The operations console's main flow (issue 25, "Done when"): a customer says
 * "+9715… got nothing"; an operator signs in (the local development issuer), searches
 * the number, opens the customer, sees the pending top-up and its timeline, settles
 * it with a reason and a confirmation, and the audit log shows who did it. The
 * console is its own build: nothing of it is in the customer PWA's precache.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch } from './chromium';
import { baseURL, newUser, serverAs, watchConsole, type Browser } from './helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function script(name: string, args: string[]): string {
  const result = spawnSync('node', [`scripts/${name}.mjs`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TOPUP_DATA_DIR: inject('dataDir'), WRANGLER_SEND_METRICS: 'false' },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** A customer with a top-up the provider never answered (numbers ending 9999 hang in the simulator). */
async function customerWithPendingTopup(phone: string) {
  const user = newUser('Fatima Noor');
  const signup = await fetch(`${baseURL()}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password, name: user.name }),
  });
  expect(signup.status).toBe(201);
  const server = await serverAs(user);
  expect((await server.post('/api/wallet/deposits', { amount: 10_000 })).status).toBe(201);
  const beneficiary = (await (await server.post('/api/beneficiaries', { nickname: 'Mum', phone })).json()) as { beneficiary: { id: string } };
  const topup = (await (await server.post('/api/topups', { beneficiary_id: beneficiary.beneficiary.id, amount: 2000 })).json()) as { topup: { id: string; status: string } };
  expect(topup.topup.status).toBe('pending');
  return { user, server, topupId: topup.topup.id };
}

describe('the operations console', () => {
  it('from "+9715… got nothing" to a settled top-up, and the audit says who', async () => {
    const phone = `+97155${String(Date.now()).slice(-3)}9999`;
    const { server, topupId } = await customerWithPendingTopup(phone);
    const email = `ops-${Date.now()}@ops.example`;
    script('admin-grant', [email, 'finance']);
    const token = script('admin-token', [email]);
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const console = watchConsole(page);
    await page.goto('/admin/');
    await page.getByText('You are not signed in.').waitFor();
    await page.getByLabel('Development token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Search first: the box has the focus; the customer gave the number in a local form.
    const search = page.getByRole('searchbox', { name: /Email, user id, phone/ });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(`0${phone.slice(4, 6)} ${phone.slice(6)}`);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Customers found' }).getByRole('link', { name: 'Fatima Noor' }).click();

    const topups = page.getByRole('table', { name: 'Top-ups' });
    const row = topups.getByRole('row').filter({ hasText: topupId });
    await row.getByRole('cell', { name: 'pending', exact: true }).waitFor();
    await expect.poll(async () => (await row.getByRole('listitem').allTextContents()).map((t) => t.split(' ')[0])).toEqual(['debited', 'sent']);

    await row.getByRole('button', { name: 'Settle' }).click();
    const form = row.getByRole('form', { name: 'Settle' });
    await form.getByLabel('Provider reference (optional)').fill('ETI-55512');
    await form.getByRole('button', { name: 'Continue' }).click();
    await form.getByText('Say why (1–500 characters).').waitFor();
    await form.getByLabel('Reason (required)').fill('Provider confirmed delivery by phone');
    await form.getByRole('button', { name: 'Continue' }).click();
    await form.getByRole('button', { name: 'Confirm: Settle' }).click();
    await page.getByRole('status').getByText('Top-up settled.').waitFor();
    await row.getByRole('cell', { name: 'completed', exact: true }).waitFor();
    expect((await server.topups()).items.find((t) => t.id === topupId)).toMatchObject({ status: 'completed', provider_ref: 'ETI-55512' });

    await page.getByRole('link', { name: 'Audit of this customer' }).click();
    const audit = page.getByRole('table', { name: 'Audit records' });
    const record = audit.getByRole('row').filter({ hasText: 'topup.settle' });
    await record.waitFor();
    expect(await record.textContent()).toContain(email);
    expect(await record.textContent()).toContain('Provider confirmed delivery by phone');

    // Usable at 390 px: nothing but the tables scrolls sideways.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('table', { name: 'Shards' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(console.errors).toEqual([]);
    await context.close();
  });

  it('is not part of the customer PWA: not precached, its own chunks and stylesheet', () => {
    const sw = readFileSync('dist/sw.js', 'utf8');
    expect(sw).toContain('index.html');
    expect(sw).not.toMatch(/admin\/assets|admin\/index\.html/);
    const manifest = readFileSync('dist/.vite/manifest.json', 'utf8');
    expect(manifest).not.toContain('admin');
    const adminHtml = readFileSync('dist/admin/index.html', 'utf8');
    expect(adminHtml).toMatch(/src="\/admin\/assets\/[^"]+\.js"/);
    expect(readFileSync('dist/index.html', 'utf8')).not.toContain('/admin/');
  });
});
