import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as queueUpgrade from '../../../app/offline/queue-upgrade';
import { openUserDb, userDbName } from '../../../app/offline/schema';
import { listAttention, listOutbox, listResults, type UserDb } from '../../../app/offline/model';
import { enqueue, flushOutbox, pruneResults, retryAttention, takeChunk, toAction, MAX_BYTES, RESULTS_KEPT } from '../../../app/offline/writes';
import { project } from '../../../app/offline/intents';
import { readSession, wipeUser, writeSession } from '../../../app/offline/session';
import { beneficiary, depositAnswer, errorAnswer, fakeServer, offline, snapshot, topupAnswer, user } from './fixtures';

const open: UserDb[] = [];
let n = 0;

/** A fresh database for a fresh user id, with a snapshot in it. */
async function userDb(balance = 10_000) {
  const id = `user-${++n}`;
  const db = await openUserDb(id, async () => queueUpgrade);
  open.push(db);
  await db.put('snapshot', snapshot(user(id, balance), [beneficiary('b-mum', 'Mum')]), 'current');
  return { id, db };
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('outbox', () => {
  it('sends actions in the order they were made, each with its own key, as their user', async () => {
    const { id, db } = await userDb();
    const a = await enqueue(db, { type: 'deposit', amount: 5000 });
    const b = await enqueue(db, { type: 'addBeneficiary', id: 'b-dad', nickname: 'Dad', phone: '+971521234567' });
    const c = await enqueue(db, { type: 'topup', beneficiaryId: 'b-dad', amount: 2000 });
    const server = fakeServer();

    const outcome = await flushOutbox(db, id, server.transport);

    expect(outcome).toEqual({ status: 'done', succeeded: 3, refused: 0 });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.userId).toBe(id);
    expect(server.calls[0]!.actions.map((x) => x.key)).toEqual([a.key, b.key, c.key]);
    expect(server.calls[0]!.actions.map((x) => `${x.method} ${x.path}`)).toEqual([
      'POST /api/wallet/deposits',
      'POST /api/beneficiaries',
      'POST /api/topups',
    ]);
    expect(server.calls[0]!.actions[2]!.body).toEqual({ beneficiary_id: 'b-dad', amount: 2000 });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('keeps the same key across retries after a network failure and a transient error', async () => {
    const { id, db } = await userDb();
    const entry = await enqueue(db, { type: 'topup', beneficiaryId: 'b-mum', amount: 2000 });

    expect(await flushOutbox(db, id, offline)).toEqual({ status: 'offline' });
    const busy = fakeServer(() => ({ status: 409, body: errorAnswer('IDEMPOTENCY_IN_PROGRESS', 'busy') }));
    expect((await flushOutbox(db, id, busy.transport)).status).toBe('retry');
    const ok = fakeServer(() => ({ status: 201, body: topupAnswer('b-mum', 2000, 'completed', 7900) }));
    expect((await flushOutbox(db, id, ok.transport)).status).toBe('done');

    expect(busy.calls[0]!.actions[0]!.key).toBe(entry.key);
    expect(ok.calls[0]!.actions[0]!.key).toBe(entry.key);
    expect(await listOutbox(db)).toEqual([]);
  });

  it('keeps the queue when the session has expired, and sends it after a new sign-in', async () => {
    const { id, db } = await userDb();
    const entry = await enqueue(db, { type: 'deposit', amount: 1000 });
    const expired = async () => ({ kind: 'http' as const, status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'x' } }, retryAfter: null });

    expect(await flushOutbox(db, id, expired)).toEqual({ status: 'unauthenticated' });
    const [kept] = await listOutbox(db);
    expect(kept?.key).toBe(entry.key);
    expect(kept?.attempts).toBe(1);

    const server = fakeServer();
    await flushOutbox(db, id, server.transport);
    expect(server.calls[0]!.actions[0]!.key).toBe(entry.key);
  });

  it('rolls a refused top-up back and keeps it in "Needs attention" with the reason', async () => {
    const { id, db } = await userDb(10_000);
    await enqueue(db, { type: 'topup', beneficiaryId: 'b-mum', amount: 2000 });
    const before = project((await db.get('snapshot', 'current'))!, await listOutbox(db));
    expect(before.balance).toBe(10_000 - 2100);
    expect(before.balancePending).toBe(true);
    expect(before.beneficiaries[0]).toMatchObject({ month_used: 2000, pending: true });

    const server = fakeServer(() => ({ status: 409, body: errorAnswer('MONTHLY_LIMIT', 'Monthly limit reached', { remaining: 0 }) }));
    expect(await flushOutbox(db, id, server.transport)).toEqual({ status: 'done', succeeded: 0, refused: 1 });

    const after = project((await db.get('snapshot', 'current'))!, await listOutbox(db));
    expect(after.balance).toBe(10_000);
    expect(after.balancePending).toBe(false);
    expect(after.beneficiaries[0]).toMatchObject({ month_used: 0, pending: false });
    const [attention] = await listAttention(db);
    expect(attention).toMatchObject({ code: 'MONTHLY_LIMIT', message: 'Monthly limit reached', intent: { type: 'topup' } });
  });

  it('one refusal does not stop the actions after it', async () => {
    const { id, db } = await userDb();
    await enqueue(db, { type: 'topup', beneficiaryId: 'b-mum', amount: 2000 });
    await enqueue(db, { type: 'deposit', amount: 500 });
    const server = fakeServer((action) =>
      action.path === '/api/topups'
        ? { status: 409, body: errorAnswer('INSUFFICIENT_BALANCE', 'no') }
        : { status: 201, body: depositAnswer(500, 10_500) },
    );
    await flushOutbox(db, id, server.transport);
    const snap = (await db.get('snapshot', 'current'))!;
    expect(snap.user.balance).toBe(10_500);
    expect((await listAttention(db)).map((a) => a.code)).toEqual(['INSUFFICIENT_BALANCE']);
  });

  it('retrying a refused action queues it again under a new key', async () => {
    const { id, db } = await userDb();
    const entry = await enqueue(db, { type: 'deposit', amount: 100 });
    await flushOutbox(db, id, fakeServer(() => ({ status: 422, body: errorAnswer('VALIDATION_FAILED', 'x') })).transport);
    const again = await retryAttention(db, entry.key);
    expect(again?.key).not.toBe(entry.key);
    expect(await listAttention(db)).toEqual([]);
    expect((await listOutbox(db)).map((e) => e.intent)).toEqual([{ type: 'deposit', amount: 100 }]);
  });

  it('applies server answers to the cached state in the same step as it empties the queue', async () => {
    const { id, db } = await userDb(10_000);
    await enqueue(db, { type: 'addBeneficiary', id: 'b-dad', nickname: 'Dad', phone: '+971521234567' });
    const dad = { ...beneficiary('b-dad', 'Dad'), phone: '+971521234567', operator: 'du' as const };
    await flushOutbox(db, id, fakeServer(() => ({ status: 201, body: { beneficiary: dad } })).transport);
    const view = project((await db.get('snapshot', 'current'))!, await listOutbox(db));
    expect(view.beneficiaries.map((b) => [b.nickname, b.pending])).toEqual([
      ['Mum', false],
      ['Dad', false],
    ]);
  });

  it('treats deleting a beneficiary that is already gone as done', async () => {
    const { id, db } = await userDb();
    await enqueue(db, { type: 'deleteBeneficiary', id: 'b-mum' });
    const server = fakeServer(() => ({ status: 404, body: errorAnswer('NOT_FOUND', 'x') }));
    expect(await flushOutbox(db, id, server.transport)).toEqual({ status: 'done', succeeded: 1, refused: 0 });
    expect((await db.get('snapshot', 'current'))!.beneficiaries).toEqual([]);
  });
});

describe('chunks', () => {
  it('sends at most 100 actions per request, in order', async () => {
    const { id, db } = await userDb();
    for (let i = 0; i < 230; i++) await enqueue(db, { type: 'deposit', amount: 100 + i });
    const server = fakeServer();
    await flushOutbox(db, id, server.transport);
    expect(server.calls.map((c) => c.actions.length)).toEqual([100, 100, 30]);
    const amounts = server.calls.flatMap((c) => c.actions.map((a) => (a.body as { amount: number }).amount));
    expect(amounts).toEqual(Array.from({ length: 230 }, (_, i) => 100 + i));
  });

  it('keeps every request body within 16 KiB', async () => {
    const { db } = await userDb();
    for (let i = 0; i < 100; i++) {
      await enqueue(db, { type: 'addBeneficiary', id: crypto.randomUUID(), nickname: '👨‍👩‍👧'.repeat(20), phone: '+971501234567' });
    }
    const entries = await listOutbox(db);
    const size = (list: typeof entries) => new TextEncoder().encode(JSON.stringify({ actions: list.map(toAction) })).length;
    const chunk = takeChunk(entries);
    expect(chunk.length).toBeGreaterThan(1);
    expect(chunk.length).toBeLessThan(100);
    expect(size(chunk)).toBeLessThanOrEqual(MAX_BYTES);
    expect(size(entries.slice(0, chunk.length + 1))).toBeGreaterThan(MAX_BYTES);
  });
});

describe('per-user isolation', () => {
  it("never sends one user's queue as another user", async () => {
    const alice = await userDb();
    const bob = await userDb();
    const a = await enqueue(alice.db, { type: 'deposit', amount: 1000 });
    await enqueue(bob.db, { type: 'deposit', amount: 2000 });

    const server = fakeServer();
    await flushOutbox(bob.db, bob.id, server.transport);

    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.userId).toBe(bob.id);
    expect(server.calls[0]!.actions.map((x) => (x.body as { amount: number }).amount)).toEqual([2000]);
    expect((await listOutbox(alice.db)).map((e) => e.key)).toEqual([a.key]);
  });

  it('stops and keeps the queue when the server says the session belongs to someone else', async () => {
    const { id, db } = await userDb();
    await enqueue(db, { type: 'deposit', amount: 1000 });
    const mismatch = async () => ({ kind: 'http' as const, status: 403, body: { error: { code: 'USER_MISMATCH', message: 'x' } }, retryAfter: null });
    expect(await flushOutbox(db, id, mismatch)).toEqual({ status: 'mismatch' });
    expect(await listOutbox(db)).toHaveLength(1);
    expect(await listAttention(db)).toEqual([]);
  });
});

describe('sign-out', () => {
  it("wipes the user's database and session, and leaves other users' data alone", async () => {
    const alice = await userDb();
    const bob = await userDb();
    await enqueue(alice.db, { type: 'deposit', amount: 1000 });
    await enqueue(bob.db, { type: 'deposit', amount: 1000 });
    await writeSession({ userId: alice.id, email: 'a@example.com', name: 'Alice' });
    alice.db.close();

    await wipeUser(alice.id, { keepPendingLogout: false });

    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(userDbName(alice.id));
    expect(names).toContain(userDbName(bob.id));
    expect(await readSession()).toBeNull();
    const reopened = await openUserDb(alice.id, async () => queueUpgrade);
    open.push(reopened);
    expect(await listOutbox(reopened)).toEqual([]);
    expect(await reopened.get('snapshot', 'current')).toBeUndefined();
  });

  it('is not blocked by a connection another tab still has open', async () => {
    const alice = await userDb();
    await wipeUser(alice.id, { keepPendingLogout: false });
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(userDbName(alice.id));
  });
});

describe('receipts', () => {
  it('keeps only the most recent results', async () => {
    const { id, db } = await userDb();
    for (let i = 0; i < RESULTS_KEPT + 5; i++) await enqueue(db, { type: 'deposit', amount: 100 + i });
    await flushOutbox(db, id, fakeServer().transport);
    expect(await listResults(db)).toHaveLength(RESULTS_KEPT + 5);
    await pruneResults(db);
    expect(await listResults(db)).toHaveLength(RESULTS_KEPT);
  });
});
