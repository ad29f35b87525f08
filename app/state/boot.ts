/** Starting the app: the session from IndexedDB (no network), the paint, then the sync engine. */
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
  // The engine, the refresh and its re-render wait until the browser is idle after the first paint (ADR 104).
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
