/**
 * `topup-meta` says who is signed in (no balances, no numbers); each user has their own `topup-user-<id>`
 * (stores: model.ts), deleted whole at sign-out, so a queue is never replayed under another user.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { UserDb, UserSchema } from './model';

export const META_DB = 'topup-meta';
export const USER_DB_PREFIX = 'topup-user-';

/** 1: queued records in format v1; 2: the same stores, every queued record in format v2. */
export const USER_DB_VERSION = 2;

export type Session = { userId: string; email: string; name: string };

interface MetaSchema extends DBSchema {
  kv: { key: 'session'; value: Session } | { key: 'pendingLogout'; value: boolean };
}

export type MetaDb = IDBPDatabase<MetaSchema>;

export const userDbName = (userId: string) => `${USER_DB_PREFIX}${userId}`;

export async function openMetaDb(): Promise<MetaDb> {
  const db = await openDB<MetaSchema>(META_DB, 1, {
    upgrade(d) {
      d.createObjectStore('kv');
    },
    // Another tab deleting the database (sign-out) must not be blocked by us.
    blocking: () => db.close(),
  });
  return db;
}

/** queue-upgrade.ts, loaded only when an older database is there. */
export type Upgrader = { upgradeQueueRecords: (tx: IDBPTransaction<UserSchema, ('snapshot' | 'outbox' | 'attention' | 'results')[], 'versionchange'>) => Promise<void> };

/**
 * `loadUpgrader` is called only for an older database (the page loads it on demand, the service worker has
 * it built in). If another tab made an old one after the version was read, the open fails untouched and is retried.
 */
export async function openUserDb(userId: string, loadUpgrader: () => Promise<Upgrader>): Promise<UserDb> {
  const name = userDbName(userId);
  const version = await existingVersion(name);
  const upgrader = version === 0 || version === USER_DB_VERSION ? null : await loadUpgrader();
  try {
    return await openAt(name, upgrader);
  } catch (error) {
    if (upgrader || !(error instanceof NeedsUpgrade)) throw error;
    return openAt(name, await loadUpgrader());
  }
}

class NeedsUpgrade extends Error {}

/** 0 when there is no such database; null when the browser cannot say (then the upgrade code is loaded). */
async function existingVersion(name: string): Promise<number | null> {
  if (typeof indexedDB.databases !== 'function') return null;
  const found = (await indexedDB.databases()).find((d) => d.name === name);
  return found?.version ?? 0;
}

async function openAt(name: string, upgrader: Upgrader | null): Promise<UserDb> {
  let blocked: unknown = null;
  // `blocking` reads `db` only on an open connection, so after this assignment.
  const db: UserDb = await openDB<UserSchema>(name, USER_DB_VERSION, {
    upgrade(d, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        d.createObjectStore('snapshot');
        const outbox = d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('byKey', 'key', { unique: true });
        d.createObjectStore('attention', { keyPath: 'key' });
        d.createObjectStore('results', { keyPath: 'key' });
        return;
      }
      // If this transaction aborts, openDB rejects with the reason; its own `done` need not be awaited.
      tx.done.catch(() => undefined);
      if (!upgrader) {
        blocked = new NeedsUpgrade();
        tx.abort();
        return;
      }
      // A failed request aborts the versionchange transaction: openDB rejects, the old database stays as it was.
      upgrader.upgradeQueueRecords(tx).catch(() => undefined);
    },
    // A newer app in another tab upgrading the database: let it (this tab then offers a reload).
    blocking: () => db.close(),
  }).catch((error: unknown) => {
    throw blocked ?? error;
  });
  return db;
}

export async function deleteUserDb(userId: string): Promise<void> {
  await deleteDB(userDbName(userId));
}
