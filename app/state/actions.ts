/**
 * What the screens can do: one function per action. Every change goes through
 * the outbox (shown on screen at once, sent when possible; its request,
 * projection, success fold and refusals are defined once in offline/intents/).
 * Signing in and out need the server and say so when it cannot be reached.
 */
import type { ApiUser } from '../../worker/contract/types';
import type { Intent, IntentPayloads } from '../offline/intents/book';
import type { Every } from '../../worker/domain/schedule';
import { dismissAttention, enqueue, retryAttention } from '../offline/outbox';
import { seedSnapshot } from '../offline/snapshot';
import { wipeUser, writeSession } from '../offline/session';
import { broadcast } from '../offline/channel';
import { api, type ApiError } from '../lib/api';
import { closeDb, currentDb, loadFromDb, openFor, resetToSignedOut, setWallet, wallet } from './wallet';
import { stopSyncTimers, syncNow } from './sync';
import { forgetInbox } from './inbox';
import { forgetPushOnDevice } from '../lib/push';

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

/** Returns the key its receipt is found by. */
export const topUp = (beneficiaryId: string, amount: number) => perform({ type: 'topup', beneficiaryId, amount });

/** Auto top-up: the id is made here, so a schedule set up offline can be changed before the server has seen it. */
export const addSchedule = (input: { beneficiaryId: string; amount: number; every: Every }) => perform({ type: 'addSchedule', id: crypto.randomUUID(), ...input });
export const changeSchedule = (change: IntentPayloads['changeSchedule']) => perform({ type: 'changeSchedule', ...change });
export const deleteSchedule = (id: string, beneficiaryId: string) => perform({ type: 'deleteSchedule', id, beneficiaryId });

/** Money back to the bank, and a problem reported about a top-up: queued like every change. */
export const withdraw = (amount: number) => perform({ type: 'withdraw', amount });
export const reportProblem = (report: IntentPayloads['reportProblem']) => perform({ type: 'reportProblem', ...report });
/** The language notifications and pushes are worded in follows the app's (queued: a switch made offline gets there later). */
export async function setServerLang(lang: 'en' | 'ar'): Promise<void> {
  if (!currentDb() || !wallet.session || wallet.snapshot?.user.lang === lang) return;
  await perform({ type: 'setLang', lang });
}

/**
 * The identity check goes through the queue like every change, but a person
 * waits for its answer: the refusal (its "Needs attention" entry) is returned.
 */
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

/** After signup or login: this device now belongs to `user` (another user's queue stays theirs). */
export async function signedIn(user: ApiUser): Promise<void> {
  const session = { userId: user.id, email: user.email, name: user.name };
  await writeSession(session);
  setWallet({ sessionExpired: false, online: true });
  await openFor(session, (db) => seedSnapshot(db, user));
  broadcast({ type: 'session' });
  void syncNow();
}

/**
 * Closes the account (needs the server): the answer, or null when closed, after
 * which this user's data leaves the device as at sign-out.
 */
export async function closeAccount(password: string): Promise<ApiError | null> {
  const session = wallet.session;
  if (!session) return null;
  // What is queued (a withdrawal of what was left) reaches the server first.
  await syncNow();
  const result = await api.closeAccount({ password });
  if (!result.ok) return result.error;
  stopSyncTimers();
  closeDb();
  await wipeUser(session.userId, { keepPendingLogout: false });
  resetToSignedOut();
  broadcast({ type: 'session' });
  return null;
}

/** Ends the session and deletes this user's data from the device. */
export async function signOut(): Promise<void> {
  const session = wallet.session;
  if (!session) return;
  stopSyncTimers();
  const result = await api.logout();
  closeDb();
  // Offline, the server session (an HttpOnly cookie we cannot clear) is ended on the next visit.
  await wipeUser(session.userId, { keepPendingLogout: result.status === 0 });
  forgetInbox(session.userId);
  await forgetPushOnDevice();
  resetToSignedOut();
  broadcast({ type: 'session' });
}
