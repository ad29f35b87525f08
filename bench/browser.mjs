// Debian Chromium driven by playwright-core, with the flags this machine needs.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function requireChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
}

/** A persistent profile, so Lighthouse (which opens its own tab on the debugging port) shares the cookies. */
export async function launchProfile(debuggingPort) {
  requireChromium();
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'topup-bench-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...(debuggingPort ? [`--remote-debugging-port=${debuggingPort}`] : [])],
    viewport: { width: 412, height: 823 },
  });
}

export async function signIn(page, base, user) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('list', { name: 'Beneficiaries' }).waitFor({ timeout: 30_000 });
}
