/// <reference lib="webworker" />
/** The service worker (ADR 103): the precached shell, navigations answered with index.html, /api never cached, Background Sync, push. */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { openUserDb } from './offline/schema';
import * as queueUpgrade from './offline/queue-upgrade';
import { readSession } from './offline/session';
import { SYNC_TAG, flushOutbox, syncLockName, withLock } from './offline/writes';
import { broadcast } from './offline/channel';
import { syncTransport } from './lib/api';
import { notificationLink } from './lib/notification-link';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// /api/* is never the app shell: the Worker answers it (or the network fails honestly).
// /admin is the operations console (its own build): never the customer app's shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api(\/|$)/, /^\/admin(\/|$)/] }));

// Prompt mode: a new version waits until the person chooses "Reload". CLAIM: a page whose load
// began before this worker took over asks to be controlled (lib/pwa.ts).
self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  else if (type === 'CLAIM') event.waitUntil(self.clients.claim());
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

// Web Push (ADR 014): one inbox notification, as the server worded it; its tag is its id, so a repeated
// delivery replaces itself.
type PushedNotification = { id: string; kind: string; data: Record<string, unknown>; title: string; body: string; lang: string; dir: NotificationDirection };

function readPush(event: PushEvent): PushedNotification | null {
  try {
    const body = event.data?.json() as { notification?: PushedNotification } | undefined;
    const n = body?.notification;
    return n && typeof n.id === 'string' && typeof n.title === 'string' ? n : null;
  } catch {
    return null;
  }
}

self.addEventListener('push', (event) => {
  const n = readPush(event);
  if (!n) return;
  event.waitUntil(
    (async () => {
      await self.registration.showNotification(n.title, {
        body: n.body,
        lang: n.lang,
        dir: n.dir,
        tag: n.id,
        icon: '/icons/icon-192.png',
        badge: '/icons/badge-96.png',
        data: { id: n.id, url: notificationLink(n) },
      });
      // An open app refreshes its inbox: the same notification, by the same id.
      for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'topup:notification', id: n.id });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { url?: string } | null)?.url ?? '/notifications', self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        // Focusing needs the tap's permission to interact: without it, the open window still moves.
        await open.focus().catch(() => open);
        await open.navigate(url).catch(() => open.postMessage({ type: 'topup:open', url }));
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
