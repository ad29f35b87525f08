/**
 * What runs over all users runs over all shards (docs/decisions/010-shards.md): the
 * cron settles and enqueues on every shard, a run message names its shard and the
 * consumer runs it there. And every /api answer carries the bookmark of its shard.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { shardIdOf, shardRow } from './shard-queries';
import { createJobs } from '../../worker/jobs/index';
import type { TelecomProvider } from '../../worker/provider/provider';
import type { ScheduleRunMessage } from '../../worker/domain/schedule';
import { makeRunner } from './schedules-runner';
import { expectConsole } from '../shared/console-guard';

const START = new Date('2026-11-15T10:00:00.000Z');
const BOOKMARK = /^[01]:[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

describe('the cron, on every shard', () => {
  it('settles stuck top-ups on both shards', async () => {
    expectConsole(/provider gave no answer/);
    // The provider never answers and, asked later, never heard of them: each is refunded.
    const silent: TelecomProvider = { send: () => new Promise<never>(() => {}), lookup: async () => ({ status: 'unknown' }) };
    const h = makeHarness({ now: START, provider: silent });
    const stuck: { id: string; shard: number; token: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const u = await h.signUp();
      await h.deposit(u.token, 10_000);
      const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
      const res = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 } });
      expect(res.json.topup.status).toBe('pending');
      stuck.push({ id: res.json.topup.id, shard: await shardIdOf(u.user.id), token: u.token });
    }
    expect(new Set(stuck.map((s) => s.shard))).toEqual(new Set([0, 1]));
    const jobs = createJobs({ now: () => new Date(START.getTime() + 10 * 60_000), provider: () => silent });
    const queue = { sendBatch: async () => {}, send: async () => {} } as unknown as Queue<ScheduleRunMessage>;
    const ctx = createExecutionContext();
    await jobs.scheduled!(createScheduledController({ scheduledTime: START.getTime(), cron: '*/5 * * * *' }), { ...env, SCHEDULE_RUNS: queue }, ctx);
    await waitOnExecutionContext(ctx);
    for (const s of stuck) {
      expect(await shardRow(`SELECT status, failure_code FROM topups WHERE id = ?`, s.id)).toEqual({ status: 'failed', failure_code: 'PROVIDER_TIMEOUT' });
      expect((await h.call('GET', '/api/me', { token: s.token })).json.user.balance).toBe(10_000);
    }
    await expectLedgerConsistent();
  });

  it('sends each due run with its shard, and the consumer makes it on that shard', async () => {
    const h = makeHarness({ now: START });
    const runner = makeRunner(h);
    const made: { user: string; schedule: string; token: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const u = await h.signUp();
      await h.deposit(u.token, 10_000);
      const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
      const s = await h.call('POST', '/api/schedules', { token: u.token, body: { beneficiary_id: b.id, amount: 500, every: 'week' } });
      expect(s.status).toBe(201);
      made.push({ user: u.user.id, schedule: s.json.schedule.id, token: u.token });
    }
    h.clock.now = new Date(START.getTime() + 60_000);
    const messages = await runner.cron();
    for (const m of made) {
      const message = messages.find((x) => x.schedule_id === m.schedule);
      expect(message?.shard).toBe(await shardIdOf(m.user));
    }
    expect(new Set(messages.map((m) => m.shard))).toEqual(new Set([0, 1]));
    await runner.deliver(messages);
    for (const m of made) expect((await h.call('GET', '/api/me', { token: m.token })).json.user.balance).toBe(10_000 - 600);
    await expectLedgerConsistent();
  });
});

describe('X-D1-Bookmark', () => {
  const h = makeHarness();

  it('is on every /api answer: the shard session of a signed-in request, echoed otherwise', async () => {
    const u = await h.signUp();
    const signup = await h.call('POST', '/api/auth/login', { body: { email: u.email, password: u.password } });
    const shard = await shardIdOf(u.user.id);
    expect(signup.headers.get('X-D1-Bookmark')).toMatch(BOOKMARK);
    expect(signup.headers.get('X-D1-Bookmark')!.startsWith(`${shard}:`)).toBe(true);
    const write = await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } });
    const written = write.headers.get('X-D1-Bookmark')!;
    expect(written).toMatch(BOOKMARK);
    // A read that sends the bookmark back sees at least that state.
    const read = await h.call('GET', '/api/me', { token: u.token, headers: { 'X-D1-Bookmark': written } });
    expect(read.json.user.balance).toBe(1000);
    expect(read.headers.get('X-D1-Bookmark')! >= written).toBe(true);
    // No shard touched: the client's bookmark comes back; none sent, none known.
    expect((await h.call('GET', '/api/topups/options', { headers: { 'X-D1-Bookmark': written } })).headers.get('X-D1-Bookmark')).toBe(written);
    expect((await h.call('GET', '/api/me')).headers.get('X-D1-Bookmark')).toBe('');
    const docs = await h.app.request('/api/docs', { headers: { 'X-D1-Bookmark': written } }, h.bindings);
    expect(docs.headers.get('X-D1-Bookmark')).toBe(written);
  });

  it('comes back on refusals made before any shard was opened (413, 403 cross-site, 401)', async () => {
    const u = await h.signUp();
    const sent = (await h.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1000 } })).headers.get('X-D1-Bookmark')!;
    const headers = { 'X-D1-Bookmark': sent };
    const refusals = [
      await h.call('POST', '/api/wallet/deposits', { token: u.token, headers, body: JSON.stringify({ amount: 1000, pad: 'x'.repeat(17_000) }) }),
      await h.call('POST', '/api/wallet/deposits', { token: u.token, headers: { ...headers, Origin: 'https://evil.example' }, body: { amount: 1000 } }),
      await h.call('POST', '/api/wallet/deposits', { headers, body: { amount: 1000 } }),
    ];
    expect(refusals.map((r) => [r.status, r.headers.get('X-D1-Bookmark')])).toEqual([
      [413, sent],
      [403, sent],
      [401, sent],
    ]);
  });

  it('a read that sends the bookmark is served at least that new, even by a replica that lags', async () => {
    // Shard 0 behind a replica that has seen none of this user (SHARD_1 plays it): a read with no
    // bookmark may be served there; one that sends the bookmark of its write never is.
    const primary = env.SHARD_0!;
    const replica = env.SHARD_1!;
    const lagging = new Proxy(primary, {
      get(target, prop) {
        if (prop === 'withSession') return (constraint?: string) => (constraint === undefined || constraint === 'first-unconstrained' ? replica : primary).withSession(constraint);
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const local = makeHarness({ env: { SHARD_0: lagging, SHARDS_OPEN: '0' } });
    const u = await local.signUp();
    const write = await local.call('POST', '/api/wallet/deposits', { token: u.token, body: { amount: 1500 } });
    const bookmark = write.headers.get('X-D1-Bookmark')!;
    expect(bookmark.startsWith('0:')).toBe(true);
    // The fake lags: without a bookmark the read lands where this user does not exist yet.
    expect((await local.call('GET', '/api/me', { token: u.token })).status).toBe(401);
    const read = await local.call('GET', '/api/me', { token: u.token, headers: { 'X-D1-Bookmark': bookmark } });
    expect([read.status, read.json.user?.balance]).toEqual([200, 1500]);
    const list = await local.call('GET', '/api/transactions', { token: u.token, headers: { 'X-D1-Bookmark': bookmark } });
    expect(list.json.items).toHaveLength(1);
  });

  it('covers the writes of a queue replayed by /api/sync', async () => {
    const u = await h.signUp();
    const before = (await h.call('GET', '/api/me', { token: u.token })).headers.get('X-D1-Bookmark')!;
    const res = await h.call('POST', '/api/sync', { token: u.token, body: { actions: [{ key: 'b-1', method: 'POST', path: '/api/wallet/deposits', body: { amount: 700 } }] } });
    expect(res.status).toBe(200);
    const after = res.headers.get('X-D1-Bookmark')!;
    expect(after).toMatch(BOOKMARK);
    expect(after > before).toBe(true);
  });

  it('ignores a bookmark of another shard or of no known shape (never a 5xx)', async () => {
    const u = await h.signUp();
    const other = `${1 - (await shardIdOf(u.user.id))}:00000000-00000001-00000000-00000000000000000000000000000000`;
    for (const sent of [other, 'garbage', '0:zzz', '99:00000000-00000001-00000000-00000000000000000000000000000000']) {
      const res = await h.call('GET', '/api/me', { token: u.token, headers: { 'X-D1-Bookmark': sent } });
      expect(res.status).toBe(200);
      expect(res.headers.get('X-D1-Bookmark')).toMatch(BOOKMARK);
    }
  });
});
