/**
 * The Worker's cron entry (`scheduled` in worker/index.ts) as Cloudflare calls it,
 * with the built-in provider simulator and a clock the test sets (the entry reads
 * `new Date()`, so the test fixes the system time): top-ups pending longer
 * than RECONCILE_AFTER_SECONDS are settled by asking the provider, younger ones
 * are left to their own request.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardRow, shardSum } from './shard-queries';
import type { TelecomProvider } from '../../worker/provider/provider';
import { expectConsole } from '../shared/console-guard';

// The cron's "now": only Date is faked, timers stay real (the provider timeout still runs).
const NOW = new Date('2026-11-15T10:00:00.000Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

async function cron(bindings: Cloudflare.Env = env) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: NOW.getTime(), cron: '*/5 * * * *' }), bindings, ctx);
  await waitOnExecutionContext(ctx);
}

/** A user with a top-up left pending, made `agoMs` before the cron's now. */
async function pendingTopup(agoMs: number, phone: string, provider?: TelecomProvider) {
  const h = makeHarness({ now: new Date(NOW.getTime() - agoMs), ...(provider ? { provider } : {}) });
  const u = await h.signUp();
  await h.deposit(u.token, 10_000);
  const b = await h.addBeneficiary(u.token, { phone });
  const key = `cron-${crypto.randomUUID()}`;
  const res = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 }, key });
  expect(res.json.topup.status).toBe('pending');
  return { h, u, id: res.json.topup.id, key, body: { beneficiary_id: b.id, amount: 2000 } };
}

const statusOf = async (id: string) => (await shardRow(`SELECT status, failure_code, provider_ref FROM topups WHERE id = ?`, id)) as Record<string, unknown>;
const balanceOf = async (h: ReturnType<typeof makeHarness>, token: string) => (await h.call('GET', '/api/me', { token })).json.user.balance;

// The Worker logs each provider timeout (expected here, and checked) and each reconciler run (not printed).
const quiet = () => {
  expectConsole(/provider gave no answer/);
  const log = console.log;
  console.log = () => {};
  return () => Object.assign(console, { log });
};

it('refunds a stale top-up the provider never received, completes one it delivered, and leaves a young one pending', async () => {
  const restore = quiet();
  try {
    const never = await pendingTopup(10 * 60_000, '+971551239999');
    // The provider got this one but its answer was lost: the simulator's lookup knows it was delivered.
    const lostAnswer: TelecomProvider = { send: () => new Promise<never>(() => {}), lookup: async () => ({ status: 'unknown' }) };
    const delivered = await pendingTopup(10 * 60_000, freshPhone(), lostAnswer);
    const young = await pendingTopup(30_000, '+971551249999');

    await cron();

    expect(await statusOf(never.id)).toMatchObject({ status: 'failed', failure_code: 'PROVIDER_TIMEOUT', provider_ref: null });
    expect(await balanceOf(never.h, never.u.token)).toBe(10_000);
    expect(await statusOf(delivered.id)).toMatchObject({ status: 'completed', failure_code: null });
    expect((await statusOf(delivered.id)).provider_ref).toMatch(/^SIM-/);
    expect(await balanceOf(delivered.h, delivered.u.token)).toBe(7900);
    expect(await statusOf(young.id)).toMatchObject({ status: 'pending' });
    expect(await balanceOf(young.h, young.u.token)).toBe(7900);

    // A second run finds nothing new to settle; the age is configuration.
    await cron();
    expect(await statusOf(young.id)).toMatchObject({ status: 'pending' });
    await cron({ ...env, RECONCILE_AFTER_SECONDS: '0' });
    expect(await statusOf(young.id)).toMatchObject({ status: 'failed', failure_code: 'PROVIDER_TIMEOUT' });
    expect(await balanceOf(young.h, young.u.token)).toBe(10_000);
    expect((await shardSum<{ n: number }>(`SELECT COUNT(*) AS n FROM topups WHERE status = 'pending'`))?.n).toBe(0);
    await expectLedgerConsistent();

    // A replay of the key repeats its first answer and moves no money again.
    const replay = await never.h.call('POST', '/api/topups', { token: never.u.token, body: never.body, key: never.key });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json.topup).toMatchObject({ id: never.id, status: 'pending' });
    expect(await balanceOf(never.h, never.u.token)).toBe(10_000);
  } finally {
    restore();
  }
});
