/**
 * The book of offline intents. Every kind of change a person can make while
 * offline is a payload type and ONE definition (beneficiaries.ts, money.ts,
 * verification.ts): its request, how it shows on screen before the server
 * answers, how the server's answer is folded into the last known state, and what
 * each refusal means. The mapped type `IntentBook` makes a kind without one of
 * these pieces a compile error. Everything else (the outbox, the projection, the
 * flush) reaches an intent only through here.
 */
import type { ApiBeneficiary, ApiSchedule, SyncAction } from '../../../worker/domain/contract';
import type { Every } from '../../../worker/domain/schedule';
import type { OutboxEntry } from '../outbox';
import type { Snapshot } from '../snapshot';
import { projectView, type View } from '../project';
import { addBeneficiary, deleteBeneficiary, renameBeneficiary, setActive } from './beneficiaries';
import { deposit, topup } from './money';
import { verify } from './verification';
import { setLang } from './lang';
import { addSchedule, changeSchedule, deleteSchedule } from './schedules';
import { reportProblem, withdraw } from './money-back';
import { formatAed } from '../../../worker/domain/money';

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
// `intent` stay correlated in generic code: book.ts needs no casts.
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

export type IntentBook = { [K in IntentKind]: IntentDefinition<K> };

export const INTENTS: IntentBook = {
  deposit,
  topup,
  addBeneficiary,
  renameBeneficiary,
  setActive,
  deleteBeneficiary,
  verify,
  addSchedule,
  changeSchedule,
  deleteSchedule,
  withdraw,
  reportProblem,
  setLang,
};
export function toRequest<K extends IntentKind>(intent: IntentOf<K>): IntentRequest {
  return INTENTS[intent.type].request(intent);
}

export function projectIntent<K extends IntentKind>(draft: Draft, intent: IntentOf<K>, context: ProjectionContext): void {
  INTENTS[intent.type].project(draft, intent, context);
}

/** What the screen shows: `snapshot` with every queued intent of `outbox` applied, in order. */
export function project(snapshot: Snapshot, outbox: OutboxEntry[]): View {
  return projectView(snapshot, outbox, projectIntent);
}

export function foldSuccess<K extends IntentKind>(snapshot: Snapshot, intent: IntentOf<K>, answer: unknown): Snapshot {
  return INTENTS[intent.type].fold(snapshot, intent, answer);
}

export function refusalOutcome<K extends IntentKind>(intent: IntentOf<K>, code: string | null, status: number): RefusalOutcome {
  return INTENTS[intent.type].refusal(code, status);
}

export function describeIntent<K extends IntentKind>(intent: IntentOf<K>, nameOf: (id: string) => string | undefined, money: (fils: number) => string = formatAed): string {
  return INTENTS[intent.type].describe(intent, nameOf, money);
}

export const isIntentKind = (type: unknown): type is IntentKind => typeof type === 'string' && Object.hasOwn(INTENTS, type);
