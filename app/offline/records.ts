/**
 * What a user's database holds, record by record. The queue's records carry the
 * format version `v` they were written in (queue-upgrade.ts brings older ones to
 * this one); the database's own version (schema.ts) says which stores exist.
 */
import type { DBSchema } from 'idb';
import type { Intent } from './intents/book';
import type { Snapshot } from './snapshot';

/** The current format of queued records. Bump it with an upgrade step in queue-upgrade.ts. */
export const QUEUE_VERSION = 2;

export type OutboxEntry = {
  v: typeof QUEUE_VERSION;
  seq?: number;
  /** The Idempotency-Key: made once when queued, never changed by retries. */
  key: string;
  intent: Intent;
  createdAt: string;
  attempts: number;
  lastError: string | null;
};

/** An action the server refused, or one an older app queued that cannot be upgraded; it stays until dismissed or retried. */
export type AttentionEntry = {
  v: typeof QUEUE_VERSION;
  key: string;
  /** null when the action was parked by an upgrade: there is nothing this version could send. */
  intent: Intent | null;
  code: string;
  message: string;
  at: string;
  /** The record as an older version wrote it, when it was parked. */
  original?: unknown;
};

/** The server's answer to an action that went through (receipts). */
export type ResultEntry = { v: typeof QUEUE_VERSION; key: string; intent: Intent | null; status: number; body: unknown; at: string };

export interface UserSchema extends DBSchema {
  snapshot: { key: 'current'; value: Snapshot };
  outbox: { key: number; value: OutboxEntry; indexes: { byKey: string } };
  attention: { key: string; value: AttentionEntry };
  results: { key: string; value: ResultEntry };
}
