/**
 * A queue written by the previous app (format v1, recorded from that app's own
 * code) survives a deploy: the new app opens it in fake-indexeddb, upgrades it,
 * flushes it through its real outbox and API client against the real Worker and
 * D1, and the server ends up with exactly the effects that were queued.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as queueUpgrade from '../../app/offline/queue-upgrade';
import { openUserDb, userDbName } from '../../app/offline/schema';
import { QUEUE_VERSION, listAttention, listOutbox, listResults } from '../../app/offline/model';
import { flushOutbox, refreshSnapshot } from '../../app/offline/writes';
import { project } from '../../app/offline/intents';
import { syncTransport } from '../../app/lib/api';
import type { ApiBeneficiary, ApiTopup, ApiUser, Page } from '../../worker/contract/types';
import { recordedV1, writeRecordedDb } from '../fixtures/recorded-db';
import { makeHarness } from './harness';

const MUM = '6f1c2b0e-3f4a-4c2e-9d7a-0b1e2c3d4e5f';
const DAD = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Signs up through the API and points the app's fetch at the Worker, as the browser would: same origin, the session cookie attached. */
async function browserFor(h: ReturnType<typeof makeHarness>) {
  const email = `queue-${crypto.randomUUID()}@example.com`;
  const signup = await h.call('POST', '/api/auth/signup', { body: { email, password: 'correct horse battery', name: 'Queue' }, key: false });
  expect(signup.status).toBe(201);
  const cookie = signup.headers.get('Set-Cookie')!.split(';')[0]!;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    // `cache` and `credentials` are the browser's business: it attaches the cookie, as done here.
    const { cache: _cache, credentials: _credentials, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('Cookie', cookie);
    return h.app.request(String(input), { ...rest, headers }, h.bindings);
  });
  return { user: signup.json.user as ApiUser, token: signup.json.token };
}

describe('an offline queue from before a deploy', () => {
  it('is upgraded, flushed against the real API, and has exactly the queued effects', async () => {
    const h = makeHarness();
    const { user, token } = await browserFor(h);
    await writeRecordedDb(userDbName(user.id), recordedV1);

    const db = await openUserDb(user.id, async () => queueUpgrade);
    const queued = await listOutbox(db);
    expect(queued).toHaveLength(9);
    expect(queued.every((e) => e.v === QUEUE_VERSION)).toBe(true);

    expect(await flushOutbox(db, user.id, syncTransport)).toEqual({ status: 'done', succeeded: 9, refused: 0 });
    expect(await listOutbox(db)).toEqual([]);
    const results = await listResults(db);
    const statusOf = new Map(results.map((r) => [r.key, r.status]));
    expect(queued.map((e) => statusOf.get(e.key))).toEqual([201, 201, 201, 200, 201, 200, 200, 201, 204]);

    // What the server now holds: one deposit, Mum renamed, Dad gone, two completed top-ups.
    const me = await h.call('GET', '/api/me', { token });
    expect(me.json.user.balance).toBe(10_000 - 2100 - 1100);
    const beneficiaries = (await h.call('GET', '/api/beneficiaries', { token })).json.items as ApiBeneficiary[];
    expect(beneficiaries.map((b) => [b.id, b.nickname, b.phone, b.active])).toEqual([[MUM, 'Mother', '+971501234567', true]]);
    const topups = (await h.call('GET', '/api/topups', { token })).json as Page<ApiTopup>;
    expect(topups.items.map((t) => [t.beneficiary_id, t.amount, t.status]).sort()).toEqual([
      [DAD, 1000, 'completed'],
      [MUM, 2000, 'completed'],
    ]);
    const kinds = (await h.call('GET', '/api/transactions', { token })).json.items.map((t) => t.kind);
    expect(kinds.sort()).toEqual(['deposit', 'topup', 'topup']);

    // The refused action of the old queue stays where the person saw it; it was not sent.
    expect((await listAttention(db)).map((a) => [a.v, a.intent, a.code])).toEqual([[QUEUE_VERSION, { type: 'deposit', amount: 50 }, 'VALIDATION_FAILED']]);

    // Back on screen: the folded answers, and then the refreshed server state, show the same.
    const folded = project((await db.get('snapshot', 'current'))!, []);
    expect(folded.balance).toBe(6800);
    expect(folded.beneficiaries.map((b) => [b.id, b.nickname])).toEqual([[MUM, 'Mother']]);
    expect(await refreshSnapshot(db)).toBe('ok');
    const refreshed = project((await db.get('snapshot', 'current'))!, []);
    expect(refreshed).toMatchObject({ balance: 6800, balancePending: false, total: { used: 3000 } });
    expect(refreshed.beneficiaries.map((b) => [b.id, b.nickname, b.month_used])).toEqual([[MUM, 'Mother', 2000]]);
    db.close();
  });
});
