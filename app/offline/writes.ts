/**
 * Every write to the device's records (ADR 101, 102, 115): the outbox, its flush (a retried action keeps
 * its key, so the server applies it once), one flusher per user (a Web Lock), and the last known state,
 * a cache of the server's. Shared with the service worker: no DOM.
 */
import type { ApiUser, SyncAction } from '../../worker/contract/types';
import { ERROR_TEXT, type ErrorCode } from '../../worker/domain/errors';
import { api, errorCode, readSync, type Reply, type Result, type SyncAnswer, type SyncTransport } from '../lib/api';
import { foldAnswer, refusalOutcome, toRequest } from './intents';
import { QUEUE_VERSION, byIso, readSnapshot, type Intent, type OutboxEntry, type Snapshot, type UserDb } from './model';
import { parked, upgradeOutboxEntry } from './queue-upgrade';

// ── The outbox ──

const newEntry = (intent: Intent, now: Date): OutboxEntry => ({
  v: QUEUE_VERSION,
  key: crypto.randomUUID(),
  intent,
  createdAt: now.toISOString(),
  attempts: 0,
  lastError: null,
});

export async function enqueue(db: UserDb, intent: Intent, now = new Date()): Promise<OutboxEntry> {
  const entry = newEntry(intent, now);
  entry.seq = await db.add('outbox', entry);
  return entry;
}

export async function dismissAttention(db: UserDb, key: string): Promise<void> {
  await db.delete('attention', key);
}

/** Queued again under a NEW key: the old one may be answered with its stored refusal. A parked record stays. */
export async function retryAttention(db: UserDb, key: string, now = new Date()): Promise<OutboxEntry | null> {
  const tx = db.transaction(['attention', 'outbox'], 'readwrite');
  const item = await tx.objectStore('attention').get(key);
  if (!item?.intent) {
    await tx.done;
    return null;
  }
  const entry = newEntry(item.intent, now);
  await tx.objectStore('attention').delete(key);
  entry.seq = await tx.objectStore('outbox').add(entry);
  await tx.done;
  return entry;
}

export const RESULTS_KEPT = 50;

export async function pruneResults(db: UserDb): Promise<void> {
  const all = await db.getAll('results');
  if (all.length <= RESULTS_KEPT) return;
  all.sort((a, b) => byIso(a.at, b.at));
  const tx = db.transaction('results', 'readwrite');
  for (const old of all.slice(0, all.length - RESULTS_KEPT)) await tx.store.delete(old.key);
  await tx.done;
}

// ── Flushing it ──

export const MAX_ACTIONS = 100;
export const MAX_BYTES = 16 * 1024;

export type FlushOutcome =
  | { status: 'done'; succeeded: number; refused: number }
  | { status: 'offline' }
  | { status: 'unauthenticated' }
  | { status: 'mismatch' }
  | { status: 'retry'; retryAfter: number | null; reason: string };

export const toAction = (entry: OutboxEntry): SyncAction => ({ key: entry.key, ...toRequest(entry.intent) });

const encoder = new TextEncoder();

/** The longest prefix of `entries` that fits one request (always at least one). */
export function takeChunk(entries: OutboxEntry[], maxActions = MAX_ACTIONS, maxBytes = MAX_BYTES): OutboxEntry[] {
  const chunk: OutboxEntry[] = [];
  let bytes = encoder.encode('{"actions":[]}').length;
  for (const entry of entries) {
    if (chunk.length >= maxActions) break;
    const size = encoder.encode(JSON.stringify(toAction(entry))).length + (chunk.length ? 1 : 0);
    if (chunk.length && bytes + size > maxBytes) break;
    chunk.push(entry);
    bytes += size;
  }
  return chunk;
}

export async function flushOutbox(db: UserDb, userId: string, send: SyncTransport): Promise<FlushOutcome> {
  let succeeded = 0;
  let refused = 0;
  for (;;) {
    const entries = await currentEntries(db);
    if (!entries.length) return { status: 'done', succeeded, refused };
    const chunk = takeChunk(entries);
    const answer = readSync(await send(chunk.map(toAction), userId));
    if (answer.kind === 'offline') {
      await noteFailure(db, chunk, answer.message);
      return { status: 'offline' };
    }
    if (answer.kind === 'refused') {
      await noteFailure(db, chunk, `HTTP ${answer.status}`);
      return wholeRequestOutcome(answer);
    }
    const tally = await applyReplies(db, chunk, answer.replies);
    succeeded += tally.ok;
    refused += tally.refused;
    if (tally.stop) return tally.stop;
  }
}

/** A record an older app (another tab) wrote since the upgrade is upgraded or parked here, never sent as is. */
async function currentEntries(db: UserDb): Promise<OutboxEntry[]> {
  const entries = await db.getAll('outbox');
  if (entries.every((e) => e.v === QUEUE_VERSION)) return entries;
  const now = new Date().toISOString();
  const tx = db.transaction(['outbox', 'attention'], 'readwrite');
  for (const raw of entries.filter((e) => e.v !== QUEUE_VERSION)) {
    const upgrade = upgradeOutboxEntry(raw);
    if (upgrade.ok) await tx.objectStore('outbox').put(upgrade.entry);
    else {
      await tx.objectStore('attention').put(parked(raw, upgrade.reason, now));
      await tx.objectStore('outbox').delete(raw.seq!);
    }
  }
  await tx.done;
  return db.getAll('outbox');
}

/** The sync request itself refused: nothing in it was applied. */
function wholeRequestOutcome({ status, code, reason, retryAfter }: Extract<SyncAnswer, { kind: 'refused' }>): FlushOutcome {
  if (status === 401) return { status: 'unauthenticated' };
  if (status === 403 && code === 'USER_MISMATCH') return { status: 'mismatch' };
  return { status: 'retry', retryAfter, reason };
}

async function noteFailure(db: UserDb, chunk: OutboxEntry[], message: string): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (const entry of chunk) {
    const current = entry.seq === undefined ? undefined : await tx.store.get(entry.seq);
    if (current) await tx.store.put({ ...current, attempts: current.attempts + 1, lastError: message });
  }
  await tx.done;
}

export type Outcome = 'ok' | 'transient' | 'refused' | 'unauthenticated' | 'mismatch';

/** Session, throttling and a busy key mean the same for every intent; a refusal is the intent's own rule. */
export function outcomeOf(intent: Intent, { status, code }: Pick<Reply, 'status' | 'code'>): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthenticated';
  if (status === 403 && code === 'USER_MISMATCH') return 'mismatch';
  if (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS') return 'transient';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'transient';
  return refusalOutcome(intent, code, status) === 'done' ? 'ok' : 'refused';
}

/** The same from a body as it came: its refusal code read first (lib/api.ts). */
export function classify(intent: Intent, status: number, body: unknown): Outcome {
  return outcomeOf(intent, { status, code: errorCode(body) });
}

type Tally = { ok: number; refused: number; stop: FlushOutcome | null };

/** Folds every action's reply in, in one transaction with the outbox. */
async function applyReplies(db: UserDb, chunk: OutboxEntry[], replies: Reply[]): Promise<Tally> {
  const byKey = new Map(replies.map((r) => [r.key, r]));
  const tally: Tally = { ok: 0, refused: 0, stop: null };
  const now = new Date().toISOString();
  const tx = db.transaction(['outbox', 'attention', 'results', 'snapshot'], 'readwrite');
  let snapshot = await tx.objectStore('snapshot').get('current');
  for (const entry of chunk) {
    const result = byKey.get(entry.key);
    const outcome: Outcome = result ? outcomeOf(entry.intent, result) : 'transient';
    if (outcome === 'ok' && result) {
      if (snapshot) snapshot = foldAnswer(snapshot, entry.intent, result.answer);
      await tx.objectStore('results').put({ v: QUEUE_VERSION, key: entry.key, intent: entry.intent, status: result.status, body: result.answer, at: now });
      await tx.objectStore('outbox').delete(entry.seq!);
      tally.ok++;
    } else if (outcome === 'refused' && result) {
      const code = result.code ?? `HTTP_${result.status}`;
      const message = ERROR_TEXT[code as ErrorCode] ?? result.message ?? 'Refused by the server';
      await tx.objectStore('attention').put({ v: QUEUE_VERSION, key: entry.key, intent: entry.intent, code, message, at: now });
      await tx.objectStore('outbox').delete(entry.seq!);
      tally.refused++;
    } else {
      const lastError = result ? `HTTP ${result.status}` : 'No result';
      await tx.objectStore('outbox').put({ ...entry, attempts: entry.attempts + 1, lastError });
      tally.stop ??= stopFor(outcome, result);
    }
  }
  if (snapshot) await tx.objectStore('snapshot').put(snapshot, 'current');
  await tx.done;
  return tally;
}

function stopFor(outcome: Outcome, result: Reply | undefined): FlushOutcome {
  if (outcome === 'unauthenticated') return { status: 'unauthenticated' };
  if (outcome === 'mismatch') return { status: 'mismatch' };
  return { status: 'retry', retryAfter: null, reason: result ? `HTTP ${result.status}` : 'No result' };
}

// ── One flusher at a time ──

/** The Background Sync tag and the Web Lock that guard the outbox of one user. */
export const SYNC_TAG = 'topup-outbox';
export const syncLockName = (userId: string) => `topup-sync-${userId}`;

const localLocks = new Map<string, Promise<unknown>>();

/** `skip`: 'busy' at once if the lock is held (the holder is doing the work); `wait`: run after it. */
export async function withLock<T>(name: string, task: () => Promise<T>, mode: 'skip' | 'wait' = 'skip'): Promise<T | 'busy'> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) {
    if (mode === 'wait') return locks.request(name, () => task());
    return locks.request(name, { ifAvailable: true }, (lock) => (lock ? task() : ('busy' as const)));
  }
  // Runtimes without Web Locks (tests): the same within one process.
  const held = localLocks.get(name);
  if (held && mode === 'skip') return 'busy';
  const run = (held ?? Promise.resolve()).catch(() => undefined).then(task);
  localLocks.set(name, run);
  try {
    return await run;
  } finally {
    if (localLocks.get(name) === run) localLocks.delete(name);
  }
}

// ── The last known state ──

function emptySnapshot(user: ApiUser): Snapshot {
  return { user, limits: null, beneficiaries: [], transactions: null, topups: null, options: null, syncedAt: null };
}

export async function updateSnapshot(db: UserDb, change: (current: Snapshot) => Snapshot): Promise<Snapshot | null> {
  const tx = db.transaction('snapshot', 'readwrite');
  const current = await tx.store.get('current');
  if (!current) {
    await tx.done;
    return null;
  }
  const next = change(current);
  await tx.store.put(next, 'current');
  await tx.done;
  return next;
}

export async function seedSnapshot(db: UserDb, user: ApiUser): Promise<void> {
  const existing = await readSnapshot(db);
  await db.put('snapshot', existing ? { ...existing, user } : emptySnapshot(user), 'current');
}

export const RECENT_ACTIVITY = 10;

export type RefreshOutcome = 'ok' | 'offline' | 'unauthenticated' | 'partial';

/** GET /api/bootstrap; a server without it (404) gets the contract's GETs in parallel. */
export async function refreshSnapshot(db: UserDb, now = Date.now()): Promise<RefreshOutcome> {
  const boot = await api.bootstrap();
  if (boot.status === 401) return 'unauthenticated';
  if (boot.status === 0) return 'offline';
  if (!boot.ok) return boot.status === 404 ? refreshPiecewise(db, now) : 'partial';
  const data = boot.data;
  await updateSnapshot(db, (s) => ({
    ...s,
    user: data.user,
    options: data.options,
    limits: data.limits,
    beneficiaries: data.beneficiaries,
    transactions: data.transactions,
    schedules: data.schedules.items,
    syncedAt: new Date(now).toISOString(),
  }));
  return 'ok';
}

async function refreshPiecewise(db: UserDb, now: number): Promise<RefreshOutcome> {
  const wantOptions = !(await readSnapshot(db))?.options;
  const [me, limits, beneficiaries, transactions, schedules, options] = await Promise.all([
    api.me(),
    api.limits(),
    api.beneficiaries(),
    api.transactions(null, RECENT_ACTIVITY),
    api.schedules(),
    wantOptions ? api.options() : Promise.resolve(null),
  ]);
  const all: Result<unknown>[] = [me, limits, beneficiaries, transactions, schedules];
  if (all.some((r) => r.status === 401)) return 'unauthenticated';
  if (all.every((r) => r.status === 0)) return 'offline';
  await updateSnapshot(db, (s) => ({
    ...s,
    user: me.ok ? me.data.user : s.user,
    limits: limits.ok ? limits.data : s.limits,
    beneficiaries: beneficiaries.ok ? beneficiaries.data.items : s.beneficiaries,
    transactions: transactions.ok ? transactions.data : s.transactions,
    schedules: schedules.ok ? schedules.data.items : s.schedules,
    options: options?.ok ? options.data : s.options,
    syncedAt: all.every((r) => r.ok) ? new Date(now).toISOString() : s.syncedAt,
  }));
  return all.every((r) => r.ok) ? 'ok' : 'partial';
}

export async function refreshOptions(db: UserDb): Promise<RefreshOutcome> {
  const options = await api.options();
  if (!options.ok) return options.status === 0 ? 'offline' : 'partial';
  await updateSnapshot(db, (s) => ({ ...s, options: options.data }));
  return 'ok';
}
