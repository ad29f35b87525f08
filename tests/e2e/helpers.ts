/**
 * What the e2e files share: a browser context per file, a fresh user per test
 * (made through the API unless the test is about sign-up), the clicks a person
 * makes, a recorder of the writes the app sends, and a direct API client to check
 * what the server really holds (money moved exactly once). Server answers are read
 * as `unknown` and checked against the contract's keys before they are typed.
 */
import { expect, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiTopup, ApiTransaction, ApiBeneficiary, ApiUser, Page as ApiPage } from '../../worker/contract/types';

export const baseURL = () => inject('baseURL');

export type TestUser = { name: string; email: string; password: string };

/** The contents of each bare `<tag>…</tag>` in `html` (index.html's inline boot scripts and stylesheet). */
export function inlineBlocks(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

let counter = 0;
export function newUser(name = 'Aisha Khan'): TestUser {
  counter++;
  return { name, email: `e2e-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`, password: 'correct horse battery' };
}

export async function newContext(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark'; serviceWorkers?: 'allow' | 'block'; reducedMotion?: 'reduce' | 'no-preference' } = {},
) {
  return browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 360, height: 780 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
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

/** Makes the account through the API, as a test that is not about sign-up should. */
export async function createUser(user: TestUser): Promise<ApiUser> {
  const response = await fetch(`${baseURL()}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password, name: user.name }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as unknown;
  expect(Object.keys(body as object).sort()).toEqual(['token', 'user']);
  return contract<ApiUser>((body as { user: unknown }).user, USER_KEYS);
}

/** A user made through the API, signed in on this page through the sign-in screen (the device's session is the app's own). */
export async function signInAs(page: Page, user: TestUser): Promise<void> {
  await createUser(user);
  await page.goto('/signin');
  await signIn(page, user);
  await page.getByRole('button', { name: 'Add funds' }).waitFor();
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
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

/** Beneficiaries screen: opens a beneficiary's actions (active, rename, delete, auto top-up), a sheet named after them. */
export async function manage(page: Page, nickname: string) {
  await page.getByRole('button', { name: `Manage ${nickname}`, exact: true }).click();
  const sheet = page.getByRole('dialog', { name: nickname, exact: true });
  await sheet.waitFor();
  return sheet;
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
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  } catch (error) {
    // Say where the install stopped: no registration (the script or a precached file failed), or a worker stuck in a state.
    const registration = await page
      .evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return r ? { installing: r.installing?.state ?? null, waiting: r.waiting?.state ?? null, active: r.active?.state ?? null } : null;
      })
      .catch((e: Error) => `unreadable: ${e.message}`);
    throw new Error(`No service worker controls ${page.url()} after 30 s; its registration: ${JSON.stringify(registration)}`, { cause: error });
  }
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

/**
 * Every write (POST, PATCH, DELETE under /api) the page or its service worker
 * sends, so a test can wait for a condition and then check that nothing more is
 * sent over a bounded window, instead of sleeping and hoping.
 */
export function recordWrites(context: BrowserContext): { writes: string[] } {
  const writes: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() !== 'GET' && url.pathname.startsWith('/api/')) writes.push(`${request.method()} ${url.pathname}`);
  });
  return { writes };
}

/**
 * After the awaited condition: no write was sent since `from` (a count taken
 * before the action under test) up to the end of a further `ms` (an observation
 * window, not a synchronisation).
 */
export async function expectNoWritesWithin(recorder: { writes: string[] }, from: number, ms = 1500): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  expect(recorder.writes.slice(from)).toEqual([]);
}

const USER_KEYS = ['id', 'email', 'name', 'verified', 'balance', 'currency', 'created_at', 'lang'] as const;
const TOPUP_KEYS = ['id', 'beneficiary_id', 'phone', 'amount', 'fee', 'status', 'failure_code', 'provider_ref', 'created_at', 'completed_at', 'schedule_id'] as const;
const TRANSACTION_KEYS = ['id', 'kind', 'amount', 'fee', 'balance_after', 'beneficiary_id', 'status', 'created_at'] as const;
const BENEFICIARY_KEYS = ['id', 'nickname', 'phone', 'active', 'operator', 'month_used', 'month_limit', 'created_at', 'updated_at'] as const;

/** An answer read as `unknown` becomes a contract type only once it has exactly the contract's keys. */
function contract<T>(value: unknown, keys: readonly (keyof T & string)[]): T {
  expect(typeof value === 'object' && value !== null, JSON.stringify(value)).toBe(true);
  expect(Object.keys(value as object).sort(), JSON.stringify(value)).toEqual([...keys].sort());
  return value as T;
}

function list<T>(value: unknown, keys: readonly (keyof T & string)[], paged: boolean): { items: T[]; next_cursor?: string | null } {
  expect(Object.keys(value as object).sort()).toEqual(paged ? ['items', 'next_cursor'] : ['items']);
  const { items, next_cursor } = value as { items: unknown; next_cursor?: unknown };
  expect(Array.isArray(items)).toBe(true);
  if (paged) expect(next_cursor === null || typeof next_cursor === 'string').toBe(true);
  return { items: (items as unknown[]).map((item) => contract<T>(item, keys)), ...(paged ? { next_cursor: next_cursor as string | null } : {}) };
}

/** A direct API client (bearer token) to check the server's side of things. */
export async function serverAs(user: TestUser) {
  const login = await fetch(`${baseURL()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(login.status).toBe(200);
  const { token } = (await login.json()) as { token: unknown };
  expect(typeof token).toBe('string');
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${baseURL()}${path}`, { headers: { Authorization: `Bearer ${token as string}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as unknown;
  };
  const post = async (path: string, body: unknown): Promise<Response> =>
    fetch(`${baseURL()}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify(body),
    });
  return {
    post,
    transactions: async () => list<ApiTransaction>(await get('/api/transactions?limit=100'), TRANSACTION_KEYS, true) as ApiPage<ApiTransaction>,
    topups: async () => list<ApiTopup>(await get('/api/topups?limit=100'), TOPUP_KEYS, true) as ApiPage<ApiTopup>,
    beneficiaries: async () => list<ApiBeneficiary>(await get('/api/beneficiaries'), BENEFICIARY_KEYS, false) as { items: ApiBeneficiary[] },
    me: async () => contract<ApiUser>(((await get('/api/me')) as { user: unknown }).user, USER_KEYS),
  };
}

export type { Browser, BrowserContext, Page };
