/**
 * Bugs the seeded workload (workload.test.ts) found, each pinned down by a small
 * deterministic test. The seed that found it is in the test's name.
 */
import { describe, expect, it } from 'vitest';
import { expectLedgerConsistent, freshPhone, makeHarness } from './harness';
import { fieldsOf } from './answer';
import { allShards, userDb } from './shard-queries';
import { expectConsole } from '../shared/console-guard';
import { configFor } from '../../worker/env';
import { createDb } from '../../worker/db/client';
import { settleStaleTopups } from '../../worker/jobs/settle-stale-topups';
import type { TelecomProvider } from '../../worker/provider/provider';

describe('idempotency of a repeated create with a client id', () => {
  it('stores the 200 under its key, so a replay repeats it even after a rename (seed 20261130)', async () => {
    const h = makeHarness();
    const u = await h.signUp();
    const body = { id: crypto.randomUUID(), nickname: 'Mum', phone: freshPhone() };
    expect((await h.call('POST', '/api/beneficiaries', { token: u.token, body, key: 'create-1' })).status).toBe(201);
    const repeat = await h.call('POST', '/api/beneficiaries', { token: u.token, body, key: 'create-2' });
    expect(repeat.status).toBe(200);
    expect((await h.call('PATCH', `/api/beneficiaries/${body.id}`, { token: u.token, body: { nickname: 'Mother' } })).status).toBe(200);
    // Before the fix the 200 was never stored: this replay re-ran the create and got 409 ID_CONFLICT.
    const replay = await h.call('POST', '/api/beneficiaries', { token: u.token, body, key: 'create-2' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json).toEqual(repeat.json);
    const stored = await (await userDb(u.user.id)).prepare(`SELECT state, status FROM idempotency_keys WHERE scope = ? AND key = 'create-2'`).bind(`user:${u.user.id}`).first();
    expect(stored).toEqual({ state: 'done', status: 200 });
  });

  it('still refuses a different body for a taken id, and keeps nothing for the refused key', async () => {
    const h = makeHarness();
    const u = await h.signUp();
    const body = { id: crypto.randomUUID(), nickname: 'Mum', phone: freshPhone() };
    expect((await h.call('POST', '/api/beneficiaries', { token: u.token, body, key: 'c-1' })).status).toBe(201);
    const clash = await h.call('POST', '/api/beneficiaries', { token: u.token, body: { ...body, nickname: 'Other' }, key: 'c-2' });
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('ID_CONFLICT');
    const kept = await (await userDb(u.user.id)).prepare(`SELECT COUNT(*) AS n FROM idempotency_keys WHERE scope = ? AND key = 'c-2'`).bind(`user:${u.user.id}`).first<{ n: number }>();
    expect(kept?.n).toBe(0);
  });
});

describe('a top-up settled by the reconciler while its own request still waits for the provider', () => {
  it('answers what was settled, and its replay agrees (seeds 1, 2, 3 of npm run soak, 3000 ops)', async () => {
    expectConsole(/provider gave no answer/);
    const ahead = (h: { clock: { now: Date } }) => () => new Date(h.clock.now.getTime() + 10 * 60_000);
    let reconcile: () => Promise<unknown> = async () => undefined;
    // The provider never answers this request; meanwhile the cron job finds the top-up and refunds it.
    const provider: TelecomProvider = {
      async send() {
        await reconcile();
        throw new Error('connection reset');
      },
      async lookup() {
        return { status: 'unknown' };
      },
    };
    const h = makeHarness({ provider });
    // The cron's job, on every shard (the user's is one of them).
    reconcile = () => Promise.all(allShards().map((d1) => settleStaleTopups({ config: configFor(h.bindings), db: createDb(d1), deps: { now: ahead(h), provider: () => provider } })));
    const u = await h.signUp();
    await h.deposit(u.token, 10_000);
    const b = await h.addBeneficiary(u.token, { phone: freshPhone() });
    const first = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 }, key: 'slow-1' });
    expect(first.status).toBe(201);
    // Before the fix this said "pending" while the key's stored answer said "failed".
    expect(first.json.topup).toMatchObject({ status: 'failed', failure_code: 'PROVIDER_TIMEOUT' });
    expect(first.json.balance).toBe(10_000);
    const replay = await h.call('POST', '/api/topups', { token: u.token, body: { beneficiary_id: b.id, amount: 2000 }, key: 'slow-1' });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.json.topup).toEqual(first.json.topup);
    await expectLedgerConsistent();
  });
});

describe('numbers written as exponent or decimal literals', () => {
  it('are refused where text is expected too, not taken as their source text (hostile.test.ts, fast-check seed -820738885)', async () => {
    const h = makeHarness();
    const u = await h.signUp();
    const post = (path: string, raw: string, token?: string) => h.call('POST', path, { ...(token ? { token } : {}), body: raw, key: token ? crypto.randomUUID() : false });
    // Before the fix {"nickname": 1E+2} created a beneficiary called "1E+2".
    const created = await post('/api/beneficiaries', `{"nickname": 1E+2, "phone": "${freshPhone()}"}`, u.token);
    expect(created.status).toBe(422);
    expect(fieldsOf(created.json).nickname).toBeTruthy();
    const signup = await post('/api/auth/signup', `{"email": "n-${crypto.randomUUID()}@example.com", "password": 12345678.0, "name": 1.5}`);
    expect(signup.status).toBe(422);
    expect(Object.keys(fieldsOf(signup.json)).sort()).toEqual(['name', 'password']);
    const topup = await post('/api/topups', '{"beneficiary_id": 1e3, "amount": 500}', u.token);
    expect(topup.status).toBe(422);
    expect(fieldsOf(topup.json).beneficiary_id).toBeTruthy();
    // Through /api/sync the action body is forwarded as JSON: still refused, not turned into text.
    const synced = await h.call('POST', '/api/sync', { token: u.token, key: false, body: `{"actions": [{"key": "lit-1", "method": "POST", "path": "/api/beneficiaries", "body": {"nickname": 2.5e1, "phone": "${freshPhone()}"}}]}` });
    expect(synced.json.results[0]!.status).toBe(422);
    expect((await h.call('GET', '/api/beneficiaries', { token: u.token })).json.items).toEqual([]);
  });
});
