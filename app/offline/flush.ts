/**
 * Drains the outbox through POST /api/sync, oldest first, in chunks of at most
 * 100 actions and 16 KiB. A retried action keeps its key, so the server applies
 * it once however often the network drops the answer. Shared by the page and
 * the service worker (Background Sync): no DOM here. Each intent's request
 * and success fold come from its definition (intents.ts).
 */
import type { SyncAction, SyncResult } from '../../worker/contract/types';
import { ERROR_TEXT, type ErrorCode } from '../../worker/domain/errors';
import { foldSuccess, refusalOutcome, toRequest } from './intents';
import { QUEUE_VERSION, type Intent, type OutboxEntry, type UserDb } from './model';
import type { SyncResponse, SyncTransport } from '../lib/api';

export type { SyncResponse, SyncTransport } from '../lib/api';
import { parked, upgradeOutboxEntry } from './queue-upgrade';

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
    const response = await send(chunk.map(toAction), userId);
    if (response.kind === 'network') {
      await noteFailure(db, chunk, response.message);
      return { status: 'offline' };
    }
    const whole = wholeRequestOutcome(response);
    if (whole) {
      await noteFailure(db, chunk, `HTTP ${response.status}`);
      return whole;
    }
    const results = readResults(response.body);
    const tally = await applyResults(db, chunk, results);
    succeeded += tally.ok;
    refused += tally.refused;
    if (tally.stop) return tally.stop;
  }
}

/**
 * The queue, every record in the current format. The database upgrade already
 * did this when it opened; a record of another version can still appear if an
 * older app wrote it meanwhile, and it is upgraded or parked, never sent as is.
 */
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

/** A non-200 answer to the sync request itself: nothing in it was applied. */
function wholeRequestOutcome(response: Extract<SyncResponse, { kind: 'http' }>): FlushOutcome | null {
  const { status, body, retryAfter } = response;
  if (status === 200 && readResults(body)) return null;
  if (status === 401) return { status: 'unauthenticated' };
  if (status === 403 && errorCode(body) === 'USER_MISMATCH') return { status: 'mismatch' };
  return { status: 'retry', retryAfter, reason: errorMessage(body) ?? `HTTP ${status}` };
}

function readResults(body: unknown): SyncResult[] | null {
  const results = (body as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? (results as SyncResult[]) : null;
}

async function noteFailure(db: UserDb, chunk: OutboxEntry[], message: string): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (const entry of chunk) {
    const current = entry.seq === undefined ? undefined : await tx.store.get(entry.seq);
    if (current) await tx.store.put({ ...current, attempts: current.attempts + 1, lastError: message });
  }
  await tx.done;
}

const errorField = (body: unknown, name: 'code' | 'message'): string | null => {
  const error = body !== null && typeof body === 'object' && 'error' in body ? body.error : null;
  const value = error !== null && typeof error === 'object' && name in error ? (error as Record<string, unknown>)[name] : null;
  return typeof value === 'string' ? value : null;
};
export const errorCode = (body: unknown) => errorField(body, 'code');
const errorMessage = (body: unknown) => errorField(body, 'message');

export type Outcome = 'ok' | 'transient' | 'refused' | 'unauthenticated' | 'mismatch';

/**
 * How the flush treats the status of one replayed action. The transport's part
 * (session, throttling, a busy key) is the same for every intent; what a refusal
 * means is the intent's own rule (its definition's `refusal`).
 */
export function classify(intent: Intent, status: number, body: unknown): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthenticated';
  const code = errorCode(body);
  if (status === 403 && code === 'USER_MISMATCH') return 'mismatch';
  if (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS') return 'transient';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'transient';
  return refusalOutcome(intent, code, status) === 'done' ? 'ok' : 'refused';
}

type Tally = { ok: number; refused: number; stop: FlushOutcome | null };

/** Folds every per-action result in, in one transaction with the outbox. */
async function applyResults(db: UserDb, chunk: OutboxEntry[], results: SyncResult[] | null): Promise<Tally> {
  const byKey = new Map((results ?? []).map((r) => [r.key, r]));
  const tally: Tally = { ok: 0, refused: 0, stop: null };
  const now = new Date().toISOString();
  const tx = db.transaction(['outbox', 'attention', 'results', 'snapshot'], 'readwrite');
  let snapshot = await tx.objectStore('snapshot').get('current');
  for (const entry of chunk) {
    const result = byKey.get(entry.key);
    const outcome: Outcome = result ? classify(entry.intent, result.status, result.body) : 'transient';
    if (outcome === 'ok' && result) {
      if (snapshot) snapshot = foldSuccess(snapshot, entry.intent, result.body);
      await tx.objectStore('results').put({ v: QUEUE_VERSION, key: entry.key, intent: entry.intent, status: result.status, body: result.body, at: now });
      await tx.objectStore('outbox').delete(entry.seq!);
      tally.ok++;
    } else if (outcome === 'refused' && result) {
      const code = errorCode(result.body) ?? `HTTP_${result.status}`;
      const message = ERROR_TEXT[code as ErrorCode] ?? errorMessage(result.body) ?? 'Refused by the server';
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

function stopFor(outcome: Outcome, result: SyncResult | undefined): FlushOutcome {
  if (outcome === 'unauthenticated') return { status: 'unauthenticated' };
  if (outcome === 'mismatch') return { status: 'mismatch' };
  return { status: 'retry', retryAfter: null, reason: result ? `HTTP ${result.status}` : 'No result' };
}
