/** Queued records outlive a deploy: each is upgraded one version at a time, or parked in "Needs attention" (ADR 106). */
import type { IDBPTransaction } from 'idb';
import { readAnswer } from '../lib/api';
import { isIntentKind } from './intents';
import { QUEUE_VERSION, type AttentionEntry, type Intent, type OutboxEntry, type ResultEntry, type UserSchema } from './model';

// ── Format v1: exactly what the app wrote until commit fea5a89 (no `v` field). Frozen: never edit. ──
type IntentV1 =
  | { type: 'deposit'; amount: number }
  | { type: 'addBeneficiary'; id: string; nickname: string; phone: string }
  | { type: 'renameBeneficiary'; id: string; nickname: string }
  | { type: 'setActive'; id: string; active: boolean }
  | { type: 'deleteBeneficiary'; id: string }
  | { type: 'topup'; beneficiaryId: string; amount: number };
type OutboxEntryV1 = { seq?: number; key: string; intent: IntentV1; createdAt: string; attempts: number; lastError: string | null };

type Fields = Record<string, unknown>;
const isRecord = (x: unknown): x is Fields => x !== null && typeof x === 'object' && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isFils = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) > 0;

/** A v1 intent, checked field by field (a record from storage is whatever was written). */
function readIntentV1(raw: unknown): IntentV1 | null {
  if (!isRecord(raw)) return null;
  const { type, id, nickname, phone, active, amount, beneficiaryId } = raw;
  switch (type) {
    case 'deposit':
      return isFils(amount) ? { type, amount } : null;
    case 'addBeneficiary':
      return isText(id) && isText(nickname) && isText(phone) ? { type, id, nickname, phone } : null;
    case 'renameBeneficiary':
      return isText(id) && isText(nickname) ? { type, id, nickname } : null;
    case 'setActive':
      return isText(id) && typeof active === 'boolean' ? { type, id, active } : null;
    case 'deleteBeneficiary':
      return isText(id) ? { type, id } : null;
    case 'topup':
      return isText(beneficiaryId) && isFils(amount) ? { type, beneficiaryId, amount } : null;
    default:
      return null;
  }
}

/** v1 → v2: the payloads kept their shape (v2 added `verify`); the compiler checks each kind maps. */
function intentV1toV2(intent: IntentV1): Intent {
  return intent satisfies Intent;
}

// ── Upgrading one record ──

export type Upgrade<T> = { ok: true; entry: T } | { ok: false; reason: string };

const versionOf = (raw: Fields): number => (raw.v === undefined ? 1 : typeof raw.v === 'number' ? raw.v : NaN);

/** The intent of a record of any known version, in the current format, or why not. */
function currentIntent(raw: Fields): Upgrade<Intent> {
  const version = versionOf(raw);
  if (version === QUEUE_VERSION) {
    const intent = raw.intent;
    return isRecord(intent) && isIntentKind(intent.type) ? { ok: true, entry: intent as Intent } : { ok: false, reason: 'its action is of a kind this version does not know' };
  }
  if (version === 1) {
    const v1 = readIntentV1(raw.intent);
    return v1 ? { ok: true, entry: intentV1toV2(v1) } : { ok: false, reason: 'it is not an action this version can send' };
  }
  return { ok: false, reason: version > QUEUE_VERSION ? 'a newer version of the app saved it' : 'its format is unknown' };
}

export function upgradeOutboxEntry(raw: unknown): Upgrade<OutboxEntry> {
  if (!isRecord(raw) || !isText(raw.key)) return { ok: false, reason: 'it has no key' };
  const intent = currentIntent(raw);
  if (!intent.ok) return intent;
  const old = raw as Partial<OutboxEntryV1>;
  const entry: OutboxEntry = {
    v: QUEUE_VERSION,
    key: raw.key,
    intent: intent.entry,
    createdAt: typeof old.createdAt === 'string' ? old.createdAt : new Date(0).toISOString(),
    attempts: typeof old.attempts === 'number' ? old.attempts : 0,
    lastError: typeof old.lastError === 'string' ? old.lastError : null,
  };
  if (typeof old.seq === 'number') entry.seq = old.seq;
  return { ok: true, entry };
}

/** A queued record that cannot be sent: kept, with its original, where the person sees it. */
export function parked(raw: unknown, reason: string, now: string): AttentionEntry {
  const fields = isRecord(raw) ? raw : {};
  return {
    v: QUEUE_VERSION,
    key: isText(fields.key) ? fields.key : crypto.randomUUID(),
    intent: null,
    code: 'QUEUE_UPGRADE_FAILED',
    message: `Saved by an older version of the app and not sent: ${reason}`,
    at: now,
    original: raw,
  };
}

export function upgradeAttentionEntry(raw: unknown, now: string): AttentionEntry {
  if (!isRecord(raw) || !isText(raw.key)) return parked(raw, 'it has no key', now);
  const intent = currentIntent(raw);
  if (!intent.ok) return { ...parked(raw, intent.reason, now), key: raw.key };
  const code = typeof raw.code === 'string' ? raw.code : 'UNKNOWN';
  const message = typeof raw.message === 'string' ? raw.message : 'Refused by the server';
  return { v: QUEUE_VERSION, key: raw.key, intent: intent.entry, code, message, at: typeof raw.at === 'string' ? raw.at : now };
}

/** Receipts: the server's answer is read as every answer is (readAnswer); an intent that cannot be read becomes null. */
export function upgradeResultEntry(raw: unknown, now: string): ResultEntry | null {
  if (!isRecord(raw) || !isText(raw.key)) return null;
  const intent = currentIntent(raw);
  const status = typeof raw.status === 'number' ? raw.status : 0;
  return { v: QUEUE_VERSION, key: raw.key, intent: intent.ok ? intent.entry : null, status, body: readAnswer(raw.body), at: typeof raw.at === 'string' ? raw.at : now };
}

// ── Upgrading a whole database, inside IndexedDB's versionchange transaction ──

type UpgradeTx = IDBPTransaction<UserSchema, ('snapshot' | 'outbox' | 'attention' | 'results')[], 'versionchange'>;

/** Runs inside `upgrade()`: only IndexedDB requests are awaited, so the transaction stays open. */
export async function upgradeQueueRecords(tx: UpgradeTx, now = new Date().toISOString()): Promise<void> {
  const attention = tx.objectStore('attention');
  for (let c = await tx.objectStore('outbox').openCursor(); c; c = await c.continue()) {
    const raw: unknown = c.value;
    const upgrade = upgradeOutboxEntry(raw);
    if (upgrade.ok) await c.update(upgrade.entry);
    else {
      await attention.put(parked(raw, upgrade.reason, now));
      await c.delete();
    }
  }
  for (let c = await attention.openCursor(); c; c = await c.continue()) {
    if (versionOf(c.value) !== QUEUE_VERSION) await c.update(upgradeAttentionEntry(c.value, now));
  }
  for (let c = await tx.objectStore('results').openCursor(); c; c = await c.continue()) {
    const upgraded = upgradeResultEntry(c.value, now);
    // A receipt without even a key is not a queued action and cannot be shown: the only record ever removed.
    if (upgraded) await c.update(upgraded);
    else await c.delete();
  }
}
