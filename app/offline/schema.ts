/**
 * The IndexedDB layout. Two kinds of database:
 * - `topup-meta`: who is signed in on this device (no balances, no numbers);
 * - `topup-user-<id>`: one per user, with the last known server state, the
 *   outbox, refused actions and receipts. Signing out deletes it whole, and a
 *   queue can never be replayed under another user because it lives in that
 *   user's own database.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type {
  ApiBeneficiary,
  ApiLimits,
  ApiOptions,
  ApiTopup,
  ApiTransaction,
  ApiUser,
  Page,
} from '../../worker/domain/contract';
import type { Intent } from './intents';

export const META_DB = 'topup-meta';
export const USER_DB_PREFIX = 'topup-user-';

export type Session = { userId: string; email: string; name: string };

interface MetaSchema extends DBSchema {
  kv: { key: 'session'; value: Session } | { key: 'pendingLogout'; value: boolean };
}

/** The server's state as last seen; the screen shows it with the outbox applied on top. */
export type Snapshot = {
  user: ApiUser;
  limits: ApiLimits | null;
  beneficiaries: ApiBeneficiary[];
  transactions: Page<ApiTransaction> | null;
  topups: Page<ApiTopup> | null;
  options: ApiOptions | null;
  syncedAt: string | null;
};

export type OutboxEntry = {
  seq?: number;
  /** The Idempotency-Key: made once when queued, never changed by retries. */
  key: string;
  intent: Intent;
  createdAt: string;
  attempts: number;
  lastError: string | null;
};

/** An action the server refused; it stays until the person dismisses or retries it. */
export type AttentionEntry = {
  key: string;
  intent: Intent;
  code: string;
  message: string;
  at: string;
};

/** The server's answer to an action that went through (receipts). */
export type ResultEntry = { key: string; intent: Intent; status: number; body: unknown; at: string };

interface UserSchema extends DBSchema {
  snapshot: { key: 'current'; value: Snapshot };
  outbox: { key: number; value: OutboxEntry; indexes: { byKey: string } };
  attention: { key: string; value: AttentionEntry };
  results: { key: string; value: ResultEntry };
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
  db = await openDB<UserSchema>(userDbName(userId), 1, {
    upgrade(d) {
      d.createObjectStore('snapshot');
      const outbox = d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byKey', 'key', { unique: true });
      d.createObjectStore('attention', { keyPath: 'key' });
      d.createObjectStore('results', { keyPath: 'key' });
    },
    blocking: () => db?.close(),
  });
  return db;
}

export async function deleteUserDb(userId: string): Promise<void> {
  await deleteDB(userDbName(userId));
}
