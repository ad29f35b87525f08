/**
 * What the screen shows: the last known server state with every queued intent
 * projected on top (each kind's own `project`, intents.ts; `project()` there). Nothing optimistic is
 * ever written into the snapshot, so a refused action rolls back simply by
 * leaving the outbox.
 */
import type { ApiBeneficiary, ApiOptions, ApiSchedule } from '../../worker/contract/types';
import { DEFAULT_TOPUP_FEE } from '../../worker/domain/money';
import { DEFAULT_LIMITS, beneficiaryLimit, usage, type Usage } from '../../worker/domain/limits';
import { byIso, type Draft, type Intent, type OutboxEntry, type PendingMoney, type ProjectionContext, type Snapshot } from './records';

export { byIso } from './records';

export type { PendingMoney };

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

/**
 * The view. The intents' definitions come in as `apply` (not imported here): a
 * screen with nothing queued needs none of them, so the first screen's bundle
 * carries none (state/wallet.ts loads them when the queue is not empty).
 */
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

/**
 * Orders ISO 8601 timestamps (same format, so code-unit order is time order).
 * Not localeCompare: its first call builds an ICU collator, tens of ms on a slow
 * phone, inside the first render of Home.
 */
