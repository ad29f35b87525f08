/**
 * Starting the app: open the device's session from IndexedDB (no network
 * needed) and paint; the sync engine loads right after, off the first screen's path.
 */
import { maybeSignedIn, readPendingLogout, readSession, setPendingLogout } from '../offline/session';
import { onBroadcast } from '../offline/channel';
import { whenIdle } from '../lib/idle';
import { closeDb, loadFromDb, openFor, resetToSignedOut, setWallet, wallet } from './wallet';

const engine = () => import('./sync');

/** Flushes the outbox and refreshes, loading the sync engine on first use. */
export function requestSync(): void {
  void engine().then((m) => m.syncNow());
}

let started = false;

/** Opens the device's session (no network needed), then syncs in the background. */
export async function boot(): Promise<void> {
  if (!started) listen();
  started = true;
  // Nobody signed in on this device: show sign-in now; IndexedDB confirms below.
  if (!maybeSignedIn()) resetToSignedOut();
  const session = await readSession().catch(() => null);
  if (!session) {
    resetToSignedOut();
    void endPendingLogout();
    return;
  }
  await openFor(session);
  // The first screen is painted from IndexedDB; loading the engine, the refresh
  // and the re-render it causes wait until the browser is idle after that paint,
  // so they do not compete with it (long tasks on a slow phone).
  afterPaint(requestSync);
}

function afterPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(() => whenIdle(task, 1000, 0)));
}

async function endPendingLogout(): Promise<void> {
  if (!(await readPendingLogout().catch(() => false))) return;
  const { api } = await import('../lib/api');
  const result = await api.logout();
  if (result.status !== 0) await setPendingLogout(false);
}

function listen(): void {
  window.addEventListener('online', () => {
    setWallet('online', true);
    requestSync();
  });
  window.addEventListener('offline', () => setWallet('online', false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') requestSync();
  });
  onBroadcast((message) => {
    if (message.type === 'changed' && message.userId === wallet.session?.userId) void loadFromDb();
    if (message.type === 'session') void followSession();
  });
}

/** Another tab signed in or out: show the same account here. */
async function followSession(): Promise<void> {
  const session = await readSession().catch(() => null);
  if (!session) {
    void engine().then((m) => m.stopSyncTimers());
    resetToSignedOut();
    return;
  }
  if (session.userId !== wallet.session?.userId) {
    closeDb();
    await openFor(session);
  }
  setWallet('sessionExpired', false);
  requestSync();
}
