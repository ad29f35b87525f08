/**
 * What the offline layer stores and passes around, as types: each intent's payload and
 * definition, the queue's records, the snapshot. No behaviour and no imports from the
 * rest of offline/, so every module of it can name these without an import circle.
 */
import type { ApiBeneficiary, ApiLimits, ApiOptions, ApiSchedule, ApiStatement, ApiTopup, ApiTransaction, ApiUser, Page, SyncAction } from '../../worker/contract/types';
import type { Every } from '../../worker/domain/schedule';

/** Queue format v2: each kind's payload (v1 is frozen in ../queue-upgrade.ts). */
export type IntentPayloads = {
  deposit: { amount: number };
  addBeneficiary: { id: string; nickname: string; phone: string };
  renameBeneficiary: { id: string; nickname: string };
  setActive: { id: string; active: boolean };
  deleteBeneficiary: { id: string };
  topup: { beneficiaryId: string; amount: number };
  verify: object;
  addSchedule: { id: string; beneficiaryId: string; amount: number; every: Every };
  // `beneficiaryId` only names the change for a person ("Needs attention"); the request does not send it.
  changeSchedule: { id: string; beneficiaryId: string; amount?: number; every?: Every; status?: 'active' | 'paused' };
  deleteSchedule: { id: string; beneficiaryId: string };
  withdraw: { amount: number };
  reportProblem: { topupId: string; reason: 'not_received' | 'wrong_number' | 'other'; message?: string };
  setLang: { lang: 'en' | 'ar' };
};

export type IntentKind = keyof IntentPayloads;
// Written as an indexed mapped type (not Extract<>) so `INTENTS[intent.type]` and
// `intent` stay correlated in generic code: intents.ts needs no casts.
export type IntentOf<K extends IntentKind> = { type: K } & IntentPayloads[K];
export type Intent = { [K in IntentKind]: IntentOf<K> }[IntentKind];

export type IntentRequest = Omit<SyncAction, 'key'>;

export type PendingMoney = { key: string; kind: 'deposit' | 'topup' | 'withdrawal'; amount: number; fee: number; beneficiaryId: string | null; createdAt: string };

/** The projection's scratch state: the snapshot's figures with queued intents applied one by one. */
export type Draft = {
  balance: number;
  totalUsed: number;
  beneficiaries: ApiBeneficiary[];
  /** Beneficiaries touched by a queued intent (shown as pending). */
  pendingIds: Set<string>;
  pendingMoney: PendingMoney[];
  verificationPending: boolean;
  schedules: ApiSchedule[];
  /** Schedules touched by a queued intent (shown as pending). */
  pendingSchedules: Set<string>;
};

/** What a projection may need besides the intent: the entry's key and time, and the rules in force. */
export type ProjectionContext = { key: string; createdAt: string; fee: number; maxActive: number; perBeneficiary: number };

/**
 * How a refusal the server gave (a 4xx other than the transport's own) ends:
 * `done` when it already has the effect the person wanted, else `attention`:
 * the intent leaves the queue (so the screen rolls back) and waits in
 * "Needs attention" with the reason code.
 */
export type RefusalOutcome = 'done' | 'attention';

export type IntentDefinition<K extends IntentKind> = {
  /** The request that replays it (through POST /api/sync, with its Idempotency-Key). */
  request: (intent: IntentOf<K>) => IntentRequest;
  /** How it shows on screen before the server answers (mutates the projection's own draft). */
  project: (draft: Draft, intent: IntentOf<K>, context: ProjectionContext) => void;
  /** The last known state after the server accepted it, from the server's answer. */
  fold: (snapshot: Snapshot, intent: IntentOf<K>, answer: unknown) => Snapshot;
  /** What each refusal code means for it. */
  refusal: (code: string | null, status: number) => RefusalOutcome;
  /**
   * One line a person understands: "Top up Mum AED 20.00". `money` words an amount in the
   * screen's language (passed in, so this module and its chunk stay free of the app's formatter).
   */
  describe: (intent: IntentOf<K>, nameOf: (id: string) => string | undefined, money: (fils: number) => string) => string;
};

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


/** The server's state as last seen: the screen shows it with the queued intents applied on top. */
export type Snapshot = {
  user: ApiUser;
  limits: ApiLimits | null;
  beneficiaries: ApiBeneficiary[];
  transactions: Page<ApiTransaction> | null;
  topups: Page<ApiTopup> | null;
  options: ApiOptions | null;
  syncedAt: string | null;
  /** GET /api/schedules. Optional: snapshots stored before auto top-up have none (same store, no upgrade). */
  schedules?: ApiSchedule[];
  /** Statements of months that are over (they no longer change), by "YYYY-MM": read offline. Optional, like `schedules`. */
  statements?: Record<string, ApiStatement>;
};

/** Orders ISO-8601 timestamps (or dates) as text. */
export function byIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
