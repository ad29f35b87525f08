#!/usr/bin/env node
// Takes the manifest's screenshots (narrow 720x1280, wide 1280x720) from a running
// TopUp with a demo account: BASE=http://127.0.0.1:8787 node app/tools/make-screenshots.mjs
import { chromium } from 'playwright-core';

const base = process.env.BASE ?? 'http://127.0.0.1:8787';
const out = new URL('../public/screenshots/', import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

const narrow = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 640 }, deviceScaleFactor: 2 });
const page = await narrow.newPage();
await page.goto('/signup');
await page.getByLabel('Name').fill('Aisha Khan');
const email = `demo-${Date.now()}@example.com`;
await page.getByLabel('Email').fill(email);
await page.getByLabel('Password').fill('demo password 1');
await page.getByRole('button', { name: 'Create account' }).click();
await page.getByRole('button', { name: 'Add funds' }).click();
await page.getByLabel('Amount').fill('350');
await page.getByRole('button', { name: 'Add to wallet' }).click();
await page.getByRole('link', { name: 'Beneficiaries', exact: true }).click();
for (const [nickname, phone] of [['Mum', '0501234567'], ['Yusuf', '0527654321'], ['Grandpa', '0563332211']]) {
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Add beneficiary' }).click();
  await page.getByRole('list', { name: 'Beneficiaries' }).getByRole('heading', { name: nickname }).waitFor();
}
await page.getByRole('button', { name: 'Top up Mum' }).click();
await page.getByRole('radio', { name: 'AED 50', exact: true }).check();
await page.getByRole('button', { name: 'Confirm top-up' }).click();
await page.getByRole('heading', { name: 'Top-up completed' }).waitFor();
await page.getByRole('link', { name: 'Home', exact: true }).click();
await page.waitForTimeout(800);
await page.screenshot({ path: `${out}home-narrow.png` });

const wide = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
const desk = await wide.newPage();
await desk.goto('/signin');
await desk.getByLabel('Email').fill(email);
await desk.getByLabel('Password').fill('demo password 1');
await desk.getByRole('button', { name: 'Sign in' }).click();
await desk.getByRole('button', { name: 'Add funds' }).waitFor();
await desk.waitForTimeout(800);
await desk.screenshot({ path: `${out}home-wide.png` });
await browser.close();
console.log('wrote', out);
