/** Signing in, out and closing the account: they need the server. Loaded on first use (state/actions.ts). */
import type { ApiUser } from '../../worker/contract/types';
import { seedSnapshot } from '../offline/writes';
import { wipeUser, writeSession } from '../offline/session';
import { broadcast } from '../offline/channel';
import { api, type ApiError } from '../lib/api';
import { closeDb, openFor, resetToSignedOut, setWallet, wallet } from './wallet';
import { setServerLang, stopSyncTimers, syncNow } from './sync';
import { locale } from '../i18n';
import { forgetInbox } from './inbox';
import { forgetPushOnDevice } from '../lib/push';

export async function authenticate(
  kind: 'login' | 'signup',
  input: { email: string; password: string; name?: string },
): Promise<{ ok: true } | { ok: false; status: number; error: ApiError }> {
  const result = kind === 'login' ? await api.login(input) : await api.signup({ ...input, name: input.name ?? '' });
  if (!result.ok) return { ok: false, status: result.status, error: result.error };
  // The login route's 429 is an untyped Response, so its answer type also admits text: check.
  if (typeof result.data !== 'object') return { ok: false, status: result.status, error: { code: 'UNKNOWN', message: 'Unexpected answer from the server' } };
  await signedIn(result.data.user);
  // A new account speaks the language it was made in (its notifications, statements, pushes).
  if (kind === 'signup') await setServerLang(locale());
  return { ok: true };
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

/** The refusal, or null once closed and this user's data has left the device. */
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
