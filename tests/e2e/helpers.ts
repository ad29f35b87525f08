/**
 * What the e2e files share: a browser context per file, a fresh user per test,
 * the clicks a person makes, and a direct API client to check what the server
 * really holds (money moved exactly once).
 */
import { expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiTopup, ApiTransaction, ApiBeneficiary, Page as ApiPage } from '../../worker/domain/contract';

export const baseURL = () => inject('baseURL');

export type TestUser = { name: string; email: string; password: string };

let counter = 0;
export function newUser(name = 'Aisha Khan'): TestUser {
  counter++;
  return { name, email: `e2e-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`, password: 'correct horse battery' };
}

export async function newContext(browser: Browser, options: { colorScheme?: 'light' | 'dark'; serviceWorkers?: 'allow' | 'block' } = {}) {
  return browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
}

/**
 * Fails the test on any console error or uncaught exception, except the
 * network failures Chromium logs while we are deliberately offline or refused.
 */
export function watchConsole(page: Page, allowed: RegExp[] = []): { errors: string[] } {
  const errors: string[] = [];
  const expected = [/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/, ...allowed];
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.some((re) => re.test(message.text()))) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { errors };
}

export async function signUp(page: Page, user: TestUser): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Add funds' }).waitFor();
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function addFunds(page: Page, aed: string): Promise<void> {
  await page.getByRole('button', { name: 'Add funds' }).click();
  await page.getByLabel('Amount').fill(aed);
  await page.getByRole('button', { name: 'Add to wallet' }).click();
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
}

export async function addBeneficiary(page: Page, nickname: string, phone: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Add beneficiary' }).click();
  await page.getByRole('list', { name: 'Beneficiaries' }).getByRole('heading', { name: nickname }).waitFor();
}

/** From the beneficiaries or home screen: choose an amount and confirm; lands on the receipt. */
export async function topUp(page: Page, nickname: string, amountName: string): Promise<void> {
  await page.getByRole('button', { name: `Top up ${nickname}` }).click();
  await page.getByRole('radio', { name: amountName, exact: true }).check();
  await page.getByRole('button', { name: 'Confirm top-up' }).click();
  await page.getByRole('heading', { name: 'Receipt' }).waitFor();
}

export async function goHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
  await page.getByRole('button', { name: 'Add funds' }).waitFor();
}

/** The service worker controls the page (the first load is not controlled until it claims it). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Names of the IndexedDB databases and every record in them (to prove what is left on the device). */
export function dumpIndexedDb(page: Page): Promise<Record<string, Record<string, unknown[]>>> {
  return page.evaluate(async () => {
    const out: Record<string, Record<string, unknown[]>> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const stores: Record<string, unknown[]> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        stores[name] = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
      out[info.name] = stores;
    }
    return out;
  });
}

/** A direct API client (bearer token) to check the server's side of things. */
export async function serverAs(user: TestUser) {
  const login = await fetch(`${baseURL()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: string };
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${baseURL()}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const post = async (path: string, body: unknown): Promise<Response> =>
    fetch(`${baseURL()}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body),
    });
  return {
    post,
    transactions: () => get<ApiPage<ApiTransaction>>('/api/transactions?limit=100'),
    topups: () => get<ApiPage<ApiTopup>>('/api/topups?limit=100'),
    beneficiaries: () => get<{ items: ApiBeneficiary[] }>('/api/beneficiaries'),
  };
}

export type { Browser, BrowserContext, Page };
