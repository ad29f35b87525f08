/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell (so the app opens with no network,
 * reload included), answers navigations with index.html except under /api, never
 * caches /api, and flushes the outbox on Background Sync.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { flushOutbox } from './offline/flush';
import { openUserDb } from './offline/schema';
import * as queueUpgrade from './offline/queue-upgrade';
import { readSession } from './offline/session';
import { SYNC_TAG, broadcast, syncLockName, withLock } from './offline/channel';
import { syncTransport } from './lib/api';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// /api/* is never the app shell: the Worker answers it (or the network fails honestly).
// /admin is the operations console (its own build): never the customer app's shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api(\/|$)/, /^\/admin(\/|$)/] }));

// Prompt mode: a new version waits until the person chooses "Reload".
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

type SyncEvent = ExtendableEvent & { tag: string };

self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag === SYNC_TAG) event.waitUntil(flushFromWorker());
}) as EventListener);

/** The same flush the page runs, for whoever is signed in on this device. */
async function flushFromWorker(): Promise<void> {
  const session = await readSession();
  if (!session) return;
  const db = await openUserDb(session.userId, async () => queueUpgrade);
  try {
    const outcome = await withLock(syncLockName(session.userId), () => flushOutbox(db, session.userId, syncTransport));
    if (outcome !== 'busy') broadcast({ type: 'changed', userId: session.userId });
    // Throwing asks the browser to try the sync again later.
    if (outcome !== 'busy' && (outcome.status === 'offline' || outcome.status === 'retry')) throw new Error('Outbox not flushed yet');
  } finally {
    db.close();
  }
}
