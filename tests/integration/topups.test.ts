import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { shardSum, userDb } from './shard-queries';
import { settleStaleTopups } from '../../worker/jobs/settle-stale-topups';
import { expectConsole } from '../shared/console-guard';
import { configFor } from '../../worker/env';
import { createDb } from '../../worker/db/client';
import { createSimulator } from '../../worker/provider/provider';
import type { ApiBeneficiary } from '../../worker/contract/types';

const h = makeHarness();

async function funded(amount: number, opts: { verified?: boolean } = {}) {
  const u = await h.signUp();
  if (amount > 0) await h.deposit(u.token, amount);
  if (opts.verified) await h.verify(u.token);
  return u;
}

function topUp(token: string, beneficiary_id: string, amount: number, key?: string) {
  return h.call('POST', '/api/topups', { token, body: { beneficiary_id, amount }, ...(key ? { key } : {}) });
}

describe('GET /api/topups/options', () => {
  it('answers without a session, with the contract defaults', async () => {
    const res = await h.call('GET', '/api/topups/options');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      currency: 'AED',
      amounts: [500, 1000, 2000, 3000, 5000, 7500, 10000],
      fee: 100,
      limits: { beneficiary_monthly: { verified: 100000, unverified: 50000 }, total_monthly: 300000, max_active_beneficiaries: 5 },
      time_zone: 'Asia/Dubai',
    });
  });
});

describe('POST /api/topups', () => {
  it('debits amount + fee, completes, and records the ledger', async () => {
    const u = await funded(10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const res = await topUp(u.token, b.id, 2000);
    expect(res.status).toBe(201);
    expect(res.json.balance).toBe(7900);
    expect(res.json.topup).toMatchObject({ beneficiary_id: b.id, phone: b.phone, amount: 2000, fee: 100, status: 'completed', failure_code: null });
    expect(res.json.topup.provider_ref).toMatch(/^SIM-/);
    expect(res.json.topup.completed_at).not.toBeNull();
    const tx = await h.call('GET', '/api/transactions', { token: u.token });
    expect(tx.json.items[0]).toMatchObject({ kind: 'topup', amount: -2000, fee: 100, balance_after: 7900, beneficiary_id: b.id, status: 'completed' });
    await expectLedgerConsistent();
  });

  it('requires an Idempotency-Key, a session, and a valid amount', async () => {
    const u = await funded(10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 }, key: false })).json.error.code).toBe('BAD_REQUEST');
    expect((await h.call('POST', '/api/topups', { body: { beneficiary_id: b.id, amount: 2000 } })).status).toBe(401);
    for (const amount of [0, 100, 2500, 2000.5, '2000', -2000, null, 1e308]) {
      const res = await topUp(u.token, b.id, amount as number);
      expect(res.status, String(amount)).toBe(422);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res.json).amount).toBeTruthy();
    }
    const missing = await h.call('POST', '/api/topups', { token: u.token, body: { amount: 2000 } });
    expect(fieldsOf(missing.json).beneficiary_id).toBeTruthy();
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(10_000);
  });

  it('refuses unknown, deleted and other users’ beneficiaries with 404, inactive with 409', async () => {
    const u = await funded(10_000);
    const other = await funded(0);
    const theirs = await h.addBeneficiary(other.token, { phone: freshPhone() });
    expect((await topUp(u.token, crypto.randomUUID(), 500)).status).toBe(404);
    expect((await topUp(u.token, theirs.id, 500)).json.error.code).toBe('NOT_FOUND');
    const gone = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await h.call('DELETE', `/api/beneficiaries/${gone.id}`, { token: u.token })).status).toBe(204);
    expect((await topUp(u.token, gone.id, 500)).status).toBe(404);
    const idle = await h.addBeneficiary(u.token, { phone: freshPhone(), active: false });
    const inactive = await topUp(u.token, idle.id, 500);
    expect(inactive.status).toBe(409);
    expect(inactive.json.error.code).toBe('BENEFICIARY_INACTIVE');
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(10_000);
    await expectLedgerConsistent();
  });

  it('needs amount + fee in the wallet, to the fils', async () => {
    const u = await funded(2099);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const short = await topUp(u.token, b.id, 2000);
    expect(short.status).toBe(409);
    expect(short.json.error.code).toBe('INSUFFICIENT_BALANCE');
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(2099);
    const v = await funded(2100);
    const c = await h.addBeneficiary(v.token, { phone: freshPhone() });
    const exact = await topUp(v.token, c.id, 2000);
    expect(exact.status).toBe(201);
    expect(exact.json.balance).toBe(0);
    await expectLedgerConsistent();
  });

  it('caps an unverified user at AED 500 per beneficiary per month, fee excluded, with details', async () => {
    const u = await funded(100_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    for (let i = 0; i < 5; i++) expect((await topUp(u.token, b.id, 10_000)).status).toBe(201);
    // 5 × (10000 + 100 fee) debited, but only 50000 counted: exactly at the limit.
    const over = await topUp(u.token, b.id, 500);
    expect(over.status).toBe(409);
    expect(over.json.error.code).toBe('BENEFICIARY_MONTHLY_LIMIT');
    expect(over.json.error.details).toMatchObject({ beneficiary_remaining: 0, beneficiary_limit: 50_000, total_remaining: 250_000 });
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(100_000 - 5 * 10_100);
    // Another beneficiary still has room.
    const other = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect((await topUp(u.token, other.id, 500)).status).toBe(201);
  });

  it('lets AED 500.00 pass and refuses one more top-up for an unverified beneficiary boundary', async () => {
    const u = await funded(100_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    for (const amount of [10_000, 10_000, 10_000, 10_000, 7500, 2000]) expect((await topUp(u.token, b.id, amount)).status).toBe(201);
    expect((await topUp(u.token, b.id, 500)).status).toBe(201); // 49,500 + 500 = 50,000 exactly
    expect((await topUp(u.token, b.id, 500)).json.error.code).toBe('BENEFICIARY_MONTHLY_LIMIT');
  });

  it('raises the per-beneficiary limit to AED 1,000 once verified', async () => {
    const u = await funded(200_000, { verified: true });
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    expect(b.month_limit).toBe(100_000);
    for (let i = 0; i < 10; i++) expect((await topUp(u.token, b.id, 10_000)).status).toBe(201);
    expect((await topUp(u.token, b.id, 500)).json.error.code).toBe('BENEFICIARY_MONTHLY_LIMIT');
  });

  it('caps the month at AED 3,000 across all beneficiaries', async () => {
    const u = await funded(400_000, { verified: true });
    const bs: ApiBeneficiary[] = [];
    for (let i = 0; i < 4; i++) bs.push(await h.addBeneficiary(u.token, { phone: freshPhone() }));
    for (const b of bs.slice(0, 3)) for (let i = 0; i < 10; i++) expect((await topUp(u.token, b.id, 10_000)).status).toBe(201);
    const over = await topUp(u.token, bs[3]!.id, 500);
    expect(over.status).toBe(409);
    expect(over.json.error.code).toBe('MONTHLY_LIMIT');
    expect(over.json.error.details).toMatchObject({ total_remaining: 0, total_limit: 300_000 });
    const limits = await h.call('GET', '/api/limits', { token: u.token });
    expect(limits.json.total).toEqual({ used: 300_000, limit: 300_000, remaining: 0 });
    await expectLedgerConsistent();
  });

  it('refunds a declined top-up in full, and it stops counting towards limits', async () => {
    const u = await funded(60_000);
    const b = await h.addBeneficiary(u.token, { phone: '+971501230000' });
    const res = await topUp(u.token, b.id, 10_000);
    expect(res.status).toBe(201);
    expect(res.json.topup).toMatchObject({ status: 'failed', failure_code: 'PROVIDER_DECLINED', provider_ref: null });
    expect(res.json.balance).toBe(60_000);
    const tx = await h.call('GET', '/api/transactions', { token: u.token });
    expect(tx.json.items.slice(0, 2).map((t) => [t.kind, t.amount, t.fee])).toEqual([
      ['refund', 10_000, -100],
      ['topup', -10_000, 100],
    ]);
    const limits = await h.call('GET', '/api/limits', { token: u.token });
    expect(limits.json.total.used).toBe(0);
    await expectLedgerConsistent();
  });

  it('leaves a top-up pending when the provider never answers, then reconciliation refunds it', async () => {
    expectConsole(/provider gave no answer/);
    // Its own moment, earlier than any other test's: the reconciler below sees this top-up and nothing else in the file.
    const h = makeHarness({ now: new Date('2026-11-02T08:00:00.000Z') });
    const topUp = (token: string, beneficiaryId: string, amount: number, key?: string) =>
      h.call('POST', '/api/topups', { token, body: { beneficiary_id: beneficiaryId, amount }, ...(key ? { key } : {}) });
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const b = await h.addBeneficiary(u.token, { phone: '+971559999999' });
    const key = `hang-${crypto.randomUUID()}`;
    const res = await topUp(u.token, b.id, 2000, key);
    expect(res.status).toBe(201);
    expect(res.json.topup.status).toBe('pending');
    expect(res.json.balance).toBe(7900);
    expect((await h.call('GET', '/api/limits', { token: u.token })).json.total.used).toBe(2000);

    const vars = { config: configFor(env), db: createDb(await userDb(u.user.id)), deps: { now: () => new Date(h.clock.now.getTime() + 10 * 60_000), provider: () => createSimulator() } };
    const report = await settleStaleTopups(vars);
    expect(report).toMatchObject({ checked: 1, refunded: 1, errors: 0 });
    const list = await h.call('GET', '/api/topups', { token: u.token });
    expect(list.json.items[0]).toMatchObject({ id: res.json.topup.id, status: 'failed', failure_code: 'PROVIDER_TIMEOUT' });
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(10_000);
    // The first answer stays the answer for that key.
    const replay = await topUp(u.token, b.id, 2000, key);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json.topup.status).toBe('pending');
    expect((await settleStaleTopups(vars)).checked).toBe(0);
    await expectLedgerConsistent();
  });

  it('replays the same key without a second debit, and refuses the key for another body', async () => {
    const u = await funded(10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const key = `k-${crypto.randomUUID()}`;
    const first = await topUp(u.token, b.id, 2000, key);
    const again = await topUp(u.token, b.id, 2000, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const reused = await topUp(u.token, b.id, 1000, key);
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(7900);
  });

  it('stores nothing for a refused top-up: the same key works once the wallet is funded', async () => {
    const u = await funded(0);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const key = `k-${crypto.randomUUID()}`;
    expect((await topUp(u.token, b.id, 2000, key)).json.error.code).toBe('INSUFFICIENT_BALANCE');
    await h.deposit(u.token, 2100);
    const retry = await topUp(u.token, b.id, 2000, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('counts the Asia/Dubai calendar month: 2026-11-30T20:00Z is already December', async () => {
    const local = makeHarness({ now: new Date('2026-11-30T19:59:59.000Z') });
    const u = await local.signUp();
    await local.deposit(u.token, 200_000);
    const b = await local.addBeneficiary(u.token, { phone: freshPhone() });
    for (let i = 0; i < 5; i++) expect((await local.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 10_000 } })).status).toBe(201);
    expect((await local.call('GET', '/api/limits', { token: u.token })).json.month).toBe('2026-11');
    expect((await local.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 500 } })).status).toBe(409);
    local.clock.now = new Date('2026-11-30T20:00:00.000Z');
    const limits = await local.call('GET', '/api/limits', { token: u.token });
    expect(limits.json).toMatchObject({ month: '2026-12', total: { used: 0 } });
    expect((await local.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 10_000 } })).status).toBe(201);
  });
});

describe('top-ups under concurrency', () => {
  it('40 concurrent top-ups on a balance covering 10: exactly 10 succeed', async () => {
    const u = await funded(10 * 2100, { verified: true });
    const bs: ApiBeneficiary[] = [];
    for (let i = 0; i < 5; i++) bs.push(await h.addBeneficiary(u.token, { phone: freshPhone() }));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => topUp(u.token, bs[i % 5]!.id, 2000)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => r.json.error.code === 'INSUFFICIENT_BALANCE')).toBe(true);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(0);
    await expectLedgerConsistent();
  });

  it('30 concurrent top-ups against the per-beneficiary limit: exactly the limit passes', async () => {
    const u = await funded(1_000_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const results = await Promise.all(Array.from({ length: 30 }, () => topUp(u.token, b.id, 5000)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10); // 10 × 5000 = 50,000
    expect(results.filter((r) => r.status === 409).every((r) => r.json.error.code === 'BENEFICIARY_MONTHLY_LIMIT')).toBe(true);
    const used = await shardSum<{ used: number }>(`SELECT SUM(amount) AS used FROM topups WHERE beneficiary_id = ? AND status <> 'failed'`, b.id);
    expect(used?.used).toBe(50_000);
    await expectLedgerConsistent();
  });

  it('concurrent requests with one key have exactly one effect', async () => {
    const u = await funded(10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const key = `k-${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => topUp(u.token, b.id, 2000, key)));
    const ok = results.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.json.error.code === 'IDEMPOTENCY_IN_PROGRESS'))).toBe(true);
    expect(new Set(ok.map((r) => r.json.topup.id)).size).toBe(1);
    expect((await h.call('GET', '/api/me', { token: u.token })).json.user.balance).toBe(7900);
    await expectLedgerConsistent();
  });
});

describe('GET /api/topups', () => {
  it('lists newest first with a cursor, filtered by beneficiary, only the user’s own', async () => {
    const u = await funded(100_000);
    const a = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    for (let i = 0; i < 3; i++) await topUp(u.token, a.id, 500);
    for (let i = 0; i < 2; i++) await topUp(u.token, b.id, 1000);
    const first = await h.call('GET', '/api/topups?limit=3', { token: u.token });
    expect(first.json.items.map((t) => t.amount)).toEqual([1000, 1000, 500]);
    const second = await h.call('GET', `/api/topups?limit=3&cursor=${first.json.next_cursor}`, { token: u.token });
    expect(second.json.items).toHaveLength(2);
    expect(second.json.next_cursor).toBeNull();
    const onlyA = await h.call('GET', `/api/topups?beneficiary_id=${a.id}`, { token: u.token });
    expect(onlyA.json.items).toHaveLength(3);
    const stranger = await funded(0);
    expect((await h.call('GET', '/api/topups', { token: stranger.token })).json.items).toEqual([]);
    expect((await h.call('GET', '/api/topups?limit=0', { token: u.token })).status).toBe(422);
    expect((await h.call('GET', '/api/topups')).status).toBe(401);
  });
});
