/**
 * What the screens can do. Every change goes through the outbox (applied on
 * screen at once, sent when possible); signing in and out and identity
 * verification need the server and say so when it cannot be reached.
 */
import type { ApiUser } from '../../worker/domain/contract';
import type { Intent } from '../offline/intents';
import { dismissAttention, enqueue, retryAttention } from '../offline/outbox';
import { seedSnapshot, updateSnapshot } from '../offline/snapshot';
import { wipeUser, writeSession } from '../offline/session';
import { broadcast } from '../offline/channel';
import { api, type ApiError } from '../lib/api';
import { closeDb, currentDb, loadFromDb, openFor, resetToSignedOut, setWallet, wallet } from './wallet';
import { stopSyncTimers, syncNow } from './sync';

/** Queues a change and returns its Idempotency-Key (receipts are found by it). */
export async function perform(intent: Intent): Promise<string> {
  const db = currentDb();
  const session = wallet.session;
  if (!db || !session) throw new Error('Not signed in');
  const entry = await enqueue(db, intent);
  await loadFromDb();
  broadcast({ type: 'changed', userId: session.userId });
  void syncNow();
  return entry.key;
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

/** Ends the session and deletes this user's data from the device. */
export async function signOut(): Promise<void> {
  const session = wallet.session;
  if (!session) return;
  stopSyncTimers();
  const result = await api.logout();
  closeDb();
  // Offline, the server session (an HttpOnly cookie we cannot clear) is ended on the next visit.
  await wipeUser(session.userId, { keepPendingLogout: result.status === 0 });
  resetToSignedOut();
  broadcast({ type: 'session' });
}

export async function verifyIdentity(): Promise<ApiError | null> {
  const db = currentDb();
  const session = wallet.session;
  if (!db || !session) return { code: 'UNAUTHENTICATED', message: 'Please sign in again' };
  const result = await api.verify(session.userId);
  if (!result.ok) {
    if (result.status === 401) setWallet('sessionExpired', true);
    return result.error;
  }
  await updateSnapshot(db, (s) => ({ ...s, user: result.data.user }));
  await loadFromDb();
  void syncNow(); // limits changed: refresh them
  return null;
}
