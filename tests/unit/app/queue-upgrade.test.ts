import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as queueUpgrade from '../../../app/offline/queue-upgrade';
import { openUserDb, userDbName } from '../../../app/offline/schema';
import { QUEUE_VERSION, listAttention, listOutbox, listResults, type UserDb } from '../../../app/offline/model';
import { flushOutbox } from '../../../app/offline/writes';
import { project } from '../../../app/offline/intents';
import { recordedV1, writeRecordedDb } from '../../fixtures/recorded-db';
import { fakeServer } from './fixtures';

const open: UserDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  vi.restoreAllMocks();
});

const recordedOutbox = recordedV1.stores.find((s) => s.name === 'outbox')!.records.map((r) => r.value as { key: string; intent: unknown });
let n = 0;

async function upgraded(extra: Record<string, unknown[]> = {}) {
  const userId = `upgrade-${++n}`;
  await writeRecordedDb(userDbName(userId), recordedV1, extra);
  const db = await openUserDb(userId, async () => queueUpgrade);
  open.push(db);
  return { userId, db };
}

describe('a queue written by the previous app (format v1), after a deploy', () => {
  it('keeps every queued action, in order, with its key and intent, now in the current format', async () => {
    const { db } = await upgraded();
    const outbox = await listOutbox(db);
    expect(outbox.map((e) => [e.key, e.intent])).toEqual(recordedOutbox.map((r) => [r.key, r.intent]));
    expect(outbox.every((e) => e.v === QUEUE_VERSION)).toBe(true);
    expect(db.version).toBe(2);
  });

  it('keeps the refused action in "Needs attention" with its reason, retryable', async () => {
    const { db } = await upgraded();
    const [refused] = await listAttention(db);
    expect(refused).toMatchObject({ v: QUEUE_VERSION, intent: { type: 'deposit', amount: 50 }, code: 'VALIDATION_FAILED' });
  });

  it('parks what it cannot upgrade in "Needs attention" with the reason, and sends only the rest', async () => {
    const unknownKind = { key: 'k-transfer', intent: { type: 'transfer', amount: 500 }, createdAt: '2026-11-30T09:00:00.000Z', attempts: 0, lastError: null };
    const brokenTopup = { key: 'k-float', intent: { type: 'topup', beneficiaryId: 'b', amount: 20.5 }, createdAt: '2026-11-30T09:00:01.000Z', attempts: 0, lastError: null };
    const { userId, db } = await upgraded({ outbox: [unknownKind, brokenTopup] });

    const parked = (await listAttention(db)).filter((a) => a.code === 'QUEUE_UPGRADE_FAILED');
    // Parked in one step, so they share a time: compare by key.
    expect(parked.map((p) => [p.key, p.intent, p.original]).sort()).toEqual([
      ['k-float', null, { ...brokenTopup, seq: expect.any(Number) }],
      ['k-transfer', null, { ...unknownKind, seq: expect.any(Number) }],
    ]);
    expect(parked[0]!.message).toMatch(/older version of the app/);
    expect((await listOutbox(db)).map((e) => e.key)).toEqual(recordedOutbox.map((r) => r.key));

    const server = fakeServer(undefined, { balance: 0 });
    expect(await flushOutbox(db, userId, server.transport)).toEqual({ status: 'done', succeeded: recordedOutbox.length, refused: 0 });
    expect(server.calls.flatMap((c) => c.actions.map((a) => a.key))).toEqual(recordedOutbox.map((r) => r.key));
  });

  it('shows the upgraded queue on screen as the old app did, and folds the answers in', async () => {
    const { userId, db } = await upgraded();
    const snapshot = (await db.get('snapshot', 'current'))!;
    const before = project(snapshot, await listOutbox(db));
    expect(before.balance).toBe(10_000 - 2100 - 1100);
    expect(before.beneficiaries.map((b) => [b.nickname, b.pending])).toEqual([['Mother', true]]);

    await flushOutbox(db, userId, fakeServer(undefined, { balance: 0 }).transport);
    const after = project((await db.get('snapshot', 'current'))!, await listOutbox(db));
    expect(after).toMatchObject({ balance: 10_000 - 2100 - 1100, balancePending: false });
    expect(after.beneficiaries.map((b) => [b.nickname, b.pending])).toEqual([['Mother', false]]);
    expect((await listResults(db)).every((r) => r.v === QUEUE_VERSION)).toBe(true);
  });

  it('never sends a record of another version that appears in the queue later: it upgrades or parks it first', async () => {
    const { userId, db } = await upgraded();
    await db.clear('outbox');
    // As the v1 app would write it had it still been running in another tab.
    await db.add('outbox', { key: 'late-v1', intent: { type: 'deposit', amount: 700 }, createdAt: '2026-11-30T10:00:00.000Z', attempts: 0, lastError: null } as never);
    await db.add('outbox', { v: 9, key: 'from-the-future', intent: { type: 'deposit', amount: 800 }, createdAt: '2026-11-30T10:00:01.000Z', attempts: 0, lastError: null } as never);
    const server = fakeServer(undefined, { balance: 0 });
    await flushOutbox(db, userId, server.transport);
    expect(server.calls.flatMap((c) => c.actions)).toEqual([{ key: 'late-v1', method: 'POST', path: '/api/wallet/deposits', body: { amount: 700 } }]);
    expect((await listAttention(db)).find((a) => a.key === 'from-the-future')).toMatchObject({ code: 'QUEUE_UPGRADE_FAILED', intent: null });
  });

  it('upgrades even when the old database appeared after the version was looked up (another tab)', async () => {
    const userId = `upgrade-race-${++n}`;
    vi.spyOn(indexedDB, 'databases').mockResolvedValue([]);
    await writeRecordedDb(userDbName(userId), recordedV1);
    const db = await openUserDb(userId, async () => queueUpgrade);
    open.push(db);
    expect((await listOutbox(db)).map((e) => [e.v, e.key])).toEqual(recordedOutbox.map((r) => [QUEUE_VERSION, r.key]));
  });
});
