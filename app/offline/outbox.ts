/**
 * The outbox: every change, in the order it was made, each with an
 * Idempotency-Key chosen once when it is queued; what the server refused; its
 * receipts. Every record carries the queue format version `v` it was written in
 * (queue-upgrade.ts brings older ones to this one). Nothing here talks to the
 * network; flush.ts drains it.
 */
import { QUEUE_VERSION, byIso, type Intent, type OutboxEntry, type ResultEntry, type UserDb } from './model';

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

/**
 * Tries a refused action again. It gets a NEW key: the server refused the old
 * one without doing anything, and may answer the old key with the stored refusal.
 * A parked record (no intent this version can send) stays where it is.
 */
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

export function getResult(db: UserDb, key: string): Promise<ResultEntry | undefined> {
  return db.get('results', key);
}

/** Receipts are kept for the last RESULTS_KEPT actions only. */
export const RESULTS_KEPT = 50;

export async function pruneResults(db: UserDb): Promise<void> {
  const all = await db.getAll('results');
  if (all.length <= RESULTS_KEPT) return;
  all.sort((a, b) => byIso(a.at, b.at));
  const tx = db.transaction('results', 'readwrite');
  for (const old of all.slice(0, all.length - RESULTS_KEPT)) await tx.store.delete(old.key);
  await tx.done;
}
