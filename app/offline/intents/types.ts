/**
 * The shape of an offline intent and of its ONE definition. Every kind of change
 * a person can make while offline is a payload here and an entry in book.ts; the
 * mapped type there makes a kind without a request, a projection, a success fold
 * or a refusal rule a compile error.
 */
import type { ApiBeneficiary, SyncAction } from '../../../worker/domain/contract';
import type { Snapshot } from '../server-state';

/** Queue format v2: each kind's payload (v1 is frozen in ../queue-upgrade.ts). */
export type IntentPayloads = {
  deposit: { amount: number };
  addBeneficiary: { id: string; nickname: string; phone: string };
  renameBeneficiary: { id: string; nickname: string };
  setActive: { id: string; active: boolean };
  deleteBeneficiary: { id: string };
  topup: { beneficiaryId: string; amount: number };
  verify: object;
};

export type IntentKind = keyof IntentPayloads;
// Written as an indexed mapped type (not Extract<>) so `INTENTS[intent.type]` and
// `intent` stay correlated in generic code: book.ts needs no casts.
export type IntentOf<K extends IntentKind> = { type: K } & IntentPayloads[K];
export type Intent = { [K in IntentKind]: IntentOf<K> }[IntentKind];

export type IntentRequest = Omit<SyncAction, 'key'>;

export type PendingMoney = { key: string; kind: 'deposit' | 'topup'; amount: number; fee: number; beneficiaryId: string | null; createdAt: string };

/** The projection's scratch state: the snapshot's figures with queued intents applied one by one. */
export type Draft = {
  balance: number;
  totalUsed: number;
  beneficiaries: ApiBeneficiary[];
  /** Beneficiaries touched by a queued intent (shown as pending). */
  pendingIds: Set<string>;
  pendingMoney: PendingMoney[];
  verificationPending: boolean;
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
  /** One line a person understands: "Top up Mum AED 20.00". */
  describe: (intent: IntentOf<K>, nameOf: (id: string) => string | undefined) => string;
};

export type IntentBook = { [K in IntentKind]: IntentDefinition<K> };

/** Most intents: every refusal needs the person's attention. */
export const alwaysAttention = (): RefusalOutcome => 'attention';
