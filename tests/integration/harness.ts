/**
 * Drives the real Hono app inside workerd against the real D1 (migrated by
 * setup.ts). Each test file gets its own database; tests build their own users.
 * The clock and the provider are injected, the way the Worker's deps are.
 */
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { createApp } from '../../worker/index';
import { createSimulator, type TelecomProvider } from '../../worker/provider/provider';
import type { ApiBeneficiary, ApiUser, SyncAction, SyncResult } from '../../worker/contract/types';
import { checkerFrom, checkResponse, type DocumentCheck } from './openapi-check';
import { openApiDocument } from '../../worker/contract/document';
import { allShards } from './shard-queries';
import type { AnswerBody } from './answer';

export type Harness = ReturnType<typeof makeHarness>;

export function makeHarness(options: { now?: Date; provider?: TelecomProvider; env?: Partial<Cloudflare.Env> } = {}) {
  const clock = { now: options.now ?? new Date('2026-11-15T10:00:00.000Z') };
  const provider = options.provider ?? createSimulator();
  const app = createApp({ now: () => new Date(clock.now), provider: () => provider });
  const bindings = { ...env, ...options.env };
  let keys = 0;
  // The document as this app's routes describe it (the build serves the same: openapi.test.ts): every answer below must match it.
  const documentCheck = () => checkerFrom(async () => Response.json(await openApiDocument(app)));

  /**
   * For a test that calls the app without `call`: the same check against the document (and, for
   * POST /api/sync, of each result against its action's operation when `body` is the request's).
   */
  async function checked(method: string, path: string, response: Response, body?: unknown): Promise<Response> {
    const check = await documentCheck();
    await checkResponse(check, method, path, response);
    if (body !== undefined) checkSyncResults(check, path, response.status, body, await response.clone().text());
    return response;
  }

  async function call(method: string, path: string, init: { body?: unknown; token?: string; headers?: Record<string, string>; key?: string | false } = {}) {
    // Each call comes from its own client address unless the test names one: the suites sign up
    // far more users than one address's budget (the per-client limit is tested on its own).
    const headers: Record<string, string> = { 'CF-Connecting-IP': clientAddress(), ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
    if (init.token) headers['Authorization'] = `Bearer ${init.token}`;
    // Money routes need a key; give every write a fresh one unless told otherwise.
    if (method !== 'GET' && init.key !== false) headers['Idempotency-Key'] = init.key ?? `k-${Date.now()}-${++keys}-${Math.random()}`;
    const response = await app.request(
      path,
      { method, headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body) },
      bindings,
    );
    const text = await response.text();
    const check = await documentCheck();
    check({ method, path, status: response.status, contentType: response.headers.get('Content-Type'), text });
    checkSyncResults(check, path, response.status, init.body, text);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    // Checked against the document above (an empty body reads as null, one not JSON as its text): the test asserts which answer by its status.
    return { status: response.status, headers: response.headers, json: body as AnswerBody, text };
  }

  async function signUp(name = 'Test User') {
    const email = `user-${crypto.randomUUID()}@example.com`;
    const res = await call('POST', '/api/auth/signup', { body: { email, password: 'correct horse battery', name }, key: false });
    expect(res.status).toBe(201);
    return { email, password: 'correct horse battery', token: res.json.token, user: res.json.user as ApiUser };
  }

  async function deposit(token: string, amount: number) {
    const res = await call('POST', '/api/wallet/deposits', { token, body: { amount } });
    expect(res.status).toBe(201);
    return res.json.balance;
  }

  async function addBeneficiary(token: string, body: { nickname?: string; phone: string; active?: boolean; id?: string }) {
    const res = await call('POST', '/api/beneficiaries', { token, body: { nickname: 'Someone', ...body } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.beneficiary as ApiBeneficiary;
  }

  async function verify(token: string) {
    const res = await call('POST', '/api/me/verification', { token });
    expect(res.status).toBe(200);
  }

  return { app, clock, call, checked, signUp, deposit, addBeneficiary, verify, bindings };
}

/**
 * POST /api/sync answers each action as if sent alone (`results[i]` is that answer): each result is
 * checked against the document for its action's method, path and status, as `call` checks an
 * answer, so a test reads a result's body as an answer too (answer.ts). `requestBody` is what was
 * sent (an object, or raw JSON text).
 */
export function checkSyncResults(check: DocumentCheck, path: string, status: number, requestBody: unknown, text: string): void {
  if (status !== 200 || new URL(path, 'http://localhost').pathname !== '/api/sync') return;
  let sent: unknown = requestBody;
  if (typeof sent === 'string') {
    try {
      sent = JSON.parse(sent);
    } catch {
      return; // not JSON to this reader, though the app answered 200: no actions to pair the results with
    }
  }
  // A 200 means the app read `actions` as a list of SyncAction (its request schema).
  const actions = (sent as { actions: SyncAction[] }).actions;
  const { results } = JSON.parse(text) as { results: SyncResult[] };
  expect(results.length, 'one sync result per action').toBe(actions.length);
  results.forEach((result, i) => {
    const action = actions[i]!;
    const { body } = result;
    check({
      method: action.method,
      path: action.path,
      status: result.status,
      // The route's own answer, as sync's parseResult read it: empty is null, a non-JSON text is a string.
      contentType: body === null ? null : typeof body === 'string' ? 'text/plain' : 'application/json',
      text: body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body),
    });
  });
}

/** A fresh client address (random, in the documentation range 2001:db8::/32) for a request. */
export function clientAddress(): string {
  const groups = [...crypto.getRandomValues(new Uint16Array(6))].map((n) => n.toString(16));
  return `2001:db8:${groups.join(':')}`;
}

let phoneCounter = 1000;
/** A fresh UAE mobile number that the simulator completes (never ends in 0000/9999). */
export function freshPhone(prefix = '50'): string {
  phoneCounter++;
  return `+971${prefix}${String(1_000_000 + phoneCounter).slice(-7)}`;
}

/**
 * The ledger's invariants, checked with SQL on every shard (each shard has its own
 * system accounts, so each must balance on its own): every transaction's entries
 * sum to zero, each cached balance equals its entries, no wallet is negative.
 */
export async function expectLedgerConsistent() {
  for (const d1 of allShards()) await expectShardLedgerConsistent(d1);
}

async function expectShardLedgerConsistent(d1: D1Database) {
  const unbalanced = await d1.prepare(
    `SELECT transaction_id, SUM(amount) AS total FROM ledger_entries GROUP BY transaction_id HAVING total <> 0`,
  ).all();
  expect(unbalanced.results).toEqual([]);
  const total = await d1.prepare(`SELECT COALESCE(SUM(amount), 0) AS total FROM ledger_entries`).first<{ total: number }>();
  expect(total?.total).toBe(0);
  const drift = await d1.prepare(
    `SELECT a.id, a.balance, COALESCE(SUM(e.amount), 0) AS entries
     FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
     GROUP BY a.id HAVING a.balance <> entries`,
  ).all();
  expect(drift.results).toEqual([]);
  const negative = await d1.prepare(`SELECT id FROM accounts WHERE kind = 'wallet' AND balance < 0`).all();
  expect(negative.results).toEqual([]);
  const orphans = await d1.prepare(
    `SELECT id FROM ledger_transactions t WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)`,
  ).all();
  expect(orphans.results).toEqual([]);
}
