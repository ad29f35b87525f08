/**
 * The device's records for a user, and the view: the snapshot with the queued intents projected on
 * top, never written into it (ADR 101, 115). On the first screen's path: it imports nothing else of
 * offline/ (so no import circle) and no network.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { ApiBeneficiary, ApiLimits, ApiOptions, ApiSchedule, ApiStatement, ApiTopup, ApiTransaction, ApiUser, Page } from '../../worker/contract/types';
import type { Every } from '../../worker/domain/schedule';
import type { Answer } from '../lib/api';
import { DEFAULT_LIMITS, DEFAULT_TOPUP_FEE, beneficiaryLimit, usage, type Usage } from '../../worker/domain/money';

// ── The records ──

/** Queue format v2: each kind's payload (v1 is frozen in queue-upgrade.ts). */
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

/** A receipt: the answer as read (lib/api.ts `readAnswer`); an older one may hold the whole body, or null. */
export type ResultEntry = { v: typeof QUEUE_VERSION; key: string; intent: Intent | null; status: number; body: Answer | null; at: string };

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

export interface UserSchema extends DBSchema {
  snapshot: { key: 'current'; value: Snapshot };
  outbox: { key: number; value: OutboxEntry; indexes: { byKey: string } };
  attention: { key: string; value: AttentionEntry };
  results: { key: string; value: ResultEntry };
}

export type UserDb = IDBPDatabase<UserSchema>;

// ── Reading them ──

export function readSnapshot(db: UserDb): Promise<Snapshot | undefined> {
  return db.get('snapshot', 'current');
}

/** Queued actions, oldest first (the order they must reach the server in). */
export function listOutbox(db: UserDb): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

export function listAttention(db: UserDb): Promise<AttentionEntry[]> {
  return db.getAll('attention').then((items) => items.sort((a, b) => byIso(a.at, b.at)));
}

export function listResults(db: UserDb): Promise<ResultEntry[]> {
  return db.getAll('results');
}

/** ISO 8601 timestamps in time order. Not localeCompare: its first call builds an ICU collator inside Home's first render (ADR 104). */
export function byIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ── The view ──

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

export type ViewBeneficiary = ApiBeneficiary & { pending: boolean };
export type ViewSchedule = ApiSchedule & { pending: boolean };

export type View = {
  balance: number;
  /** True while a queued deposit or top-up is not yet confirmed by the server. */
  balancePending: boolean;
  total: Usage & { pending: boolean };
  beneficiaries: ViewBeneficiary[];
  pendingMoney: PendingMoney[];
  verified: boolean;
  /** A queued identity check the server has not answered yet. */
  verificationPending: boolean;
  fee: number;
  maxActive: number;
  /** Auto top-ups of beneficiaries still listed (deleting one deletes its schedule), soonest first. */
  schedules: ViewSchedule[];
};

export function feeOf(options: ApiOptions | null): number {
  return options?.fee ?? DEFAULT_TOPUP_FEE;
}

/** One queued intent onto the draft: `projectIntent` of intents.ts. */
export type ApplyIntent = (draft: Draft, intent: Intent, context: ProjectionContext) => void;

/** The intents come in as `apply`, not imported: with nothing queued, the first screen's bundle carries none of them. */
export function projectView(snapshot: Snapshot, outbox: OutboxEntry[], apply: ApplyIntent): View {
  const fee = feeOf(snapshot.options);
  const limitsConfig = snapshot.options?.limits;
  const maxActive = limitsConfig?.max_active_beneficiaries ?? DEFAULT_LIMITS.maxActiveBeneficiaries;
  const verified = snapshot.user.verified;
  const perBeneficiary = limitsConfig
    ? verified ? limitsConfig.beneficiary_monthly.verified : limitsConfig.beneficiary_monthly.unverified
    : beneficiaryLimit(DEFAULT_LIMITS, verified);
  const totalLimit = snapshot.limits?.total.limit ?? limitsConfig?.total_monthly ?? DEFAULT_LIMITS.totalMonthly;

  const draft: Draft = {
    balance: snapshot.user.balance,
    totalUsed: snapshot.limits?.total.used ?? 0,
    beneficiaries: snapshot.beneficiaries.slice(),
    pendingIds: new Set(),
    pendingMoney: [],
    verificationPending: false,
    schedules: snapshot.schedules?.slice() ?? [],
    pendingSchedules: new Set(),
  };
  for (const { intent, key, createdAt } of outbox) apply(draft, intent, { key, createdAt, fee, maxActive, perBeneficiary });

  const beneficiaries = draft.beneficiaries
    .map((b) => ({ ...b, pending: draft.pendingIds.has(b.id) }))
    .sort((a, b) => Number(b.active) - Number(a.active) || byIso(a.created_at, b.created_at));
  const listed = new Set(beneficiaries.map((b) => b.id));
  const schedules = draft.schedules
    .filter((s) => listed.has(s.beneficiary_id))
    .map((s) => ({ ...s, pending: draft.pendingSchedules.has(s.id) }))
    .sort((a, b) => byIso(a.next_run_at, b.next_run_at));
  return {
    balance: draft.balance,
    balancePending: draft.pendingMoney.length > 0,
    total: { ...usage(draft.totalUsed, totalLimit), pending: draft.pendingMoney.some((m) => m.kind === 'topup') },
    beneficiaries,
    pendingMoney: draft.pendingMoney,
    verified,
    verificationPending: draft.verificationPending,
    fee,
    maxActive,
    schedules,
  };
}
