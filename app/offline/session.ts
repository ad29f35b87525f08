/** Who is signed in on this device (the meta database), so the app opens with no network. */
import { META_DB, deleteUserDb, openMetaDb, type MetaDb, type Session } from './schema';
import { deleteDB } from 'idb';
import { setHint } from '../lib/device-hint';

export { HOME_SHOT_KEY, maybeSignedIn } from '../lib/device-hint';

async function withMeta<T>(task: (db: MetaDb) => Promise<T>): Promise<T> {
  const db = await openMetaDb();
  try {
    return await task(db);
  } finally {
    db.close();
  }
}

export function readSession(): Promise<Session | null> {
  return withMeta(async (db) => ((await db.get('kv', 'session')) as Session | undefined) ?? null);
}

export function writeSession(session: Session): Promise<void> {
  setHint(true);
  return withMeta(async (db) => {
    const tx = db.transaction('kv', 'readwrite');
    await tx.store.put(session, 'session');
    // A fresh sign-in replaced the cookie: there is no old session left to end.
    await tx.store.delete('pendingLogout');
    await tx.done;
  });
}

export function readPendingLogout(): Promise<boolean> {
  return withMeta(async (db) => (await db.get('kv', 'pendingLogout')) === true);
}

export function setPendingLogout(value: boolean): Promise<void> {
  return withMeta(async (db) => {
    if (value) await db.put('kv', true, 'pendingLogout');
    else await db.delete('kv', 'pendingLogout');
  });
}

/** Every trace of `userId` on this device, and Cache Storage but the precache (belt and braces: /api is never cached). */
export async function wipeUser(userId: string, options: { keepPendingLogout: boolean }): Promise<void> {
  setHint(false);
  await deleteUserDb(userId);
  await withMeta(async (db) => {
    const tx = db.transaction('kv', 'readwrite');
    await tx.store.delete('session');
    if (options.keepPendingLogout) await tx.store.put(true, 'pendingLogout');
    await tx.done;
  });
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) if (!name.startsWith('workbox-precache')) await caches.delete(name);
  }
}

/** Only for tests and a full reset: forget the device's session record too. */
export async function deleteMetaDb(): Promise<void> {
  await deleteDB(META_DB);
}
