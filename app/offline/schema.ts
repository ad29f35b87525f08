/**
 * The IndexedDB layout. Two kinds of database:
 * - `topup-meta`: who is signed in on this device (no balances, no numbers);
 * - `topup-user-<id>`: one per user, with the last known server state, the
 *   outbox, refused actions and receipts (records.ts). Signing out deletes it
 *   whole, and a queue can never be replayed under another user because it
 *   lives in that user's own database.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { UserSchema } from './records';
import { upgradeQueueRecords } from './queue-upgrade';

export const META_DB = 'topup-meta';
export const USER_DB_PREFIX = 'topup-user-';

/**
 * The user database's version: 1 = the stores below with queue records of format
 * v1; 2 = the same stores, every queued record in format v2 (records.ts).
 */
export const USER_DB_VERSION = 2;

export type Session = { userId: string; email: string; name: string };

interface MetaSchema extends DBSchema {
  kv: { key: 'session'; value: Session } | { key: 'pendingLogout'; value: boolean };
}

export type UserDb = IDBPDatabase<UserSchema>;
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

export async function openUserDb(userId: string): Promise<UserDb> {
  let db: UserDb | undefined;
  db = await openDB<UserSchema>(userDbName(userId), USER_DB_VERSION, {
    upgrade(d, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        d.createObjectStore('snapshot');
        const outbox = d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        outbox.createIndex('byKey', 'key', { unique: true });
        d.createObjectStore('attention', { keyPath: 'key' });
        d.createObjectStore('results', { keyPath: 'key' });
        return;
      }
      // A queue written by an older app (before a deploy): bring every record to the current format.
      // A failed request aborts the versionchange transaction: openDB rejects and the old database stays as it was.
      upgradeQueueRecords(tx).catch(() => undefined);
    },
    // A newer app in another tab upgrading the database: let it (this tab then offers a reload).
    blocking: () => db?.close(),
  });
  return db;
}

export async function deleteUserDb(userId: string): Promise<void> {
  await deleteDB(userDbName(userId));
}
