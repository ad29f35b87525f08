/**
 * Every change a person makes (queued, shown at once) and when the outbox is flushed (ADR 102).
 * Loaded after the first paint (state/boot.ts) or on first use (state/actions.ts).
 */
import type { Intent, IntentPayloads } from '../offline/model';
import type { Every } from '../../worker/domain/schedule';
import {
  SYNC_TAG,
  dismissAttention,
  enqueue,
  flushOutbox,
  pruneResults,
  refreshSnapshot,
  retryAttention,
  syncLockName,
  withLock,
  type FlushOutcome,
  type RefreshOutcome,
} from '../offline/writes';
import { broadcast } from '../offline/channel';
import { refreshInbox } from './inbox';
import { syncTransport, type ApiError } from '../lib/api';
import { currentDb, loadFromDb, setWallet, wallet } from './wallet';

// The notices of what a flush finished out of sight load with this engine, after the first paint.
if (typeof document !== 'undefined') void import('../components/shell/LaterNotices').then((m) => m.mountLaterNotices());

let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
/** Requests lost in a row while the browser said it was online (see settle). */
let lost = 0;
const LOST_RETRIES = 2;

// ── Changes: each queued, shown at once, then sent ──

/** Queues a change and returns its Idempotency-Key (receipts are found by it). */
async function perform(intent: Intent): Promise<string> {
  const db = currentDb();
  const session = wallet.session;
  if (!db || !session) throw new Error('Not signed in');
  const entry = await enqueue(db, intent);
  await loadFromDb();
  broadcast({ type: 'changed', userId: session.userId });
  void syncNow();
  return entry.key;
}

export const deposit = (amount: number) => perform({ type: 'deposit', amount });

/** The id is made here, so the beneficiary can be topped up before the server has seen it. */
export const addBeneficiary = (input: { nickname: string; phone: string }) => perform({ type: 'addBeneficiary', id: crypto.randomUUID(), ...input });

export const renameBeneficiary = (id: string, nickname: string) => perform({ type: 'renameBeneficiary', id, nickname });

export const setBeneficiaryActive = (id: string, active: boolean) => perform({ type: 'setActive', id, active });

export const deleteBeneficiary = (id: string) => perform({ type: 'deleteBeneficiary', id });

export const topUp = (beneficiaryId: string, amount: number) => perform({ type: 'topup', beneficiaryId, amount });

/** Auto top-up: the id is made here, so a schedule set up offline can be changed before the server has seen it. */
export const addSchedule = (input: { beneficiaryId: string; amount: number; every: Every }) => perform({ type: 'addSchedule', id: crypto.randomUUID(), ...input });
export const changeSchedule = (change: IntentPayloads['changeSchedule']) => perform({ type: 'changeSchedule', ...change });
export const deleteSchedule = (id: string, beneficiaryId: string) => perform({ type: 'deleteSchedule', id, beneficiaryId });

export const withdraw = (amount: number) => perform({ type: 'withdraw', amount });
export const reportProblem = (report: IntentPayloads['reportProblem']) => perform({ type: 'reportProblem', ...report });
/** The language notifications and pushes are worded in follows the app's (queued: a switch made offline gets there later). */
export async function setServerLang(lang: 'en' | 'ar'): Promise<void> {
  if (!currentDb() || !wallet.session || wallet.snapshot?.user.lang === lang) return;
  await perform({ type: 'setLang', lang });
}

/** Queued like every change, but the person waits for its answer: the refusal is returned. */
export async function verifyIdentity(): Promise<ApiError | null> {
  const key = await perform({ type: 'verify' });
  await syncNow();
  const refused = wallet.attention.find((a) => a.key === key);
  return refused ? { code: refused.code, message: refused.message } : null;
}

export async function dismiss(key: string): Promise<void> {
  const db = currentDb();
  if (!db || !wallet.session) return;
  await dismissAttention(db, key);
  await loadFromDb();
  broadcast({ type: 'changed', userId: wallet.session.userId });
}

export async function retry(key: string): Promise<void> {
  const db = currentDb();
  if (!db || !wallet.session) return;
  await retryAttention(db, key);
  await loadFromDb();
  broadcast({ type: 'changed', userId: wallet.session.userId });
  void syncNow();
}

// ── Flushing ──

/** Flushes the outbox and refreshes the cached state; coalesces calls made while running. */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await syncOnce();
    } while (again);
  })().finally(() => {
    running = null;
  });
  return running;
}

type Outcome = { flush: FlushOutcome; refresh: RefreshOutcome | null };

async function syncOnce(): Promise<void> {
  const db = currentDb();
  const session = wallet.session;
  if (!db || !session || wallet.sessionExpired) return;
  clearTimeout(timer);
  setWallet('syncing', true);
  let outcome: Outcome | 'busy' | 'failed';
  try {
    outcome = await withLock(syncLockName(session.userId), async (): Promise<Outcome> => {
      const flush = await flushOutbox(db, session.userId, syncTransport);
      await pruneResults(db);
      const blocked = flush.status === 'offline' || flush.status === 'unauthenticated' || flush.status === 'mismatch';
      return { flush, refresh: blocked ? null : await refreshSnapshot(db) };
      // 'wait': the holder's flush leaves ours little to do, and this page still learns the outcome (an expired session).
    }, 'wait');
  } catch {
    outcome = 'failed';
  }
  setWallet('syncing', false);
  if (currentDb() !== db) return;
  await loadFromDb();
  if (outcome === 'busy') return;
  // The inbox (and Home's bell) follow every sync; offline, what this device saved.
  void refreshInbox();
  broadcast({ type: 'changed', userId: session.userId });
  settle(outcome);
}

function settle(outcome: Outcome | 'failed'): void {
  if (outcome === 'failed') return scheduleRetry(null, 'Could not update this device');
  const { flush, refresh } = outcome;
  if (flush.status === 'unauthenticated' || refresh === 'unauthenticated' || flush.status === 'mismatch') {
    setWallet({ sessionExpired: true, syncProblem: null });
    return;
  }
  if (flush.status === 'offline' || refresh === 'offline') {
    // The browser says it is online and a request was lost (a connection reset, a switch between
    // networks): the change is still being sent, and is tried again at once. Only when that keeps
    // failing is this device offline (and what waits, "queued").
    if (typeof navigator !== 'undefined' && navigator.onLine && lost < LOST_RETRIES) {
      lost++;
      clearTimeout(timer);
      timer = setTimeout(() => void syncNow(), 300 * lost);
      return;
    }
    setWallet('online', false);
    void registerBackgroundSync();
    return scheduleRetry(null, null);
  }
  lost = 0;
  setWallet('online', true);
  if (flush.status === 'retry') return scheduleRetry(flush.retryAfter, flush.reason);
  failures = 0;
  setWallet('syncProblem', null);
}

/** Exponential backoff (1 s … 60 s, with jitter) while the browser believes it is online. */
function scheduleRetry(retryAfterSeconds: number | null, problem: string | null): void {
  setWallet('syncProblem', problem);
  if (!wallet.outbox.length && !problem) return;
  if (typeof navigator !== 'undefined' && !navigator.onLine) return; // the `online` event will kick us
  failures = Math.min(failures + 1, 7);
  const backoff = Math.min(60_000, 1000 * 2 ** (failures - 1)) * (0.75 + Math.random() / 2);
  const delay = retryAfterSeconds ? Math.max(retryAfterSeconds * 1000, backoff) : backoff;
  clearTimeout(timer);
  timer = setTimeout(() => void syncNow(), delay);
}

/** Lets the service worker flush the queue once the connection is back, even with the app closed. */
async function registerBackgroundSync(): Promise<void> {
  if (!wallet.outbox.length || !('serviceWorker' in navigator)) return;
  try {
    const registration: (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | null = await Promise.race([
      navigator.serviceWorker.ready,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000)),
    ]);
    await registration?.sync?.register(SYNC_TAG);
  } catch {
    // Background Sync is a bonus (Chromium only); the triggers above cover the rest.
  }
}

export function stopSyncTimers(): void {
  clearTimeout(timer);
  failures = 0;
  lost = 0;
}
