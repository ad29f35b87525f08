import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { makeHarness } from './harness';
import { pruneExpired } from '../../worker/jobs/prune-expired';
import { allShards } from './shard-queries';
import { createDb } from '../../worker/db/client';

const h = makeHarness({ now: new Date('2026-11-01T08:00:00.000Z') });
// The cron prunes every shard: so does this test, and sums what each pruned.
async function pruneAll(at: Date) {
  const reports = await Promise.all(allShards().map((d1) => pruneExpired(createDb(d1), at)));
  return reports.reduce((sum, r) => Object.fromEntries(Object.entries(r).map(([k, n]) => [k, n + (sum[k as keyof typeof r] ?? 0)])) as typeof r);
}
const shard0 = env.SHARD_0!;

describe('pruning expired records', () => {
  it('keeps idempotency records for 7 days, then frees the key', async () => {
    const u = await h.signUp();
    const first = await h.call('POST', '/api/wallet/deposits', { token: u.token, key: 'monthly-salary', body: { amount: 5000 } });
    expect(first.status).toBe(201);

    expect((await pruneAll(new Date('2026-11-07T08:00:00.000Z'))).idempotencyKeys).toBe(0);
    h.clock.now = new Date('2026-11-07T09:00:00.000Z');
    const replay = await h.call('POST', '/api/wallet/deposits', { token: u.token, key: 'monthly-salary', body: { amount: 5000 } });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');

    expect((await pruneAll(new Date('2026-11-09T08:00:00.000Z'))).idempotencyKeys).toBeGreaterThanOrEqual(1);
    h.clock.now = new Date('2026-11-09T09:00:00.000Z');
    const reused = await h.call('POST', '/api/wallet/deposits', { token: u.token, key: 'monthly-salary', body: { amount: 7000 } });
    expect(reused.status).toBe(201);
    expect(reused.json.balance).toBe(12_000);
  });

  it('never prunes a record still in progress', async () => {
    await shard0.prepare(
      `INSERT INTO idempotency_keys (scope, key, method, path, fingerprint, state, created_at) VALUES ('user:x', 'stuck', 'POST', '/api/topups', 'f', 'in_progress', '2026-01-01T00:00:00.000Z')`,
    ).run();
    await pruneAll(new Date('2026-12-31T00:00:00.000Z'));
    const row = await shard0.prepare(`SELECT state FROM idempotency_keys WHERE scope = 'user:x' AND key = 'stuck'`).first();
    expect(row).toEqual({ state: 'in_progress' });
  });
});
