/**
 * What the screen shows: the last known server state with every queued action
 * applied on top. Nothing optimistic is ever written into the snapshot, so a
 * refused action rolls back simply by leaving the outbox.
 */
import type { ApiBeneficiary, ApiOptions } from '../../worker/domain/contract';
import { DEFAULT_TOPUP_FEE } from '../../worker/domain/money';
import { DEFAULT_LIMITS, beneficiaryLimit, usage, type Usage } from '../../worker/domain/limits';
import { likelyOperator } from '../../worker/domain/phone';
import type { OutboxEntry, Snapshot } from './schema';

export type ViewBeneficiary = ApiBeneficiary & { pending: boolean };

export type PendingMoney = { key: string; kind: 'deposit' | 'topup'; amount: number; fee: number; beneficiaryId: string | null; createdAt: string };

export type View = {
  balance: number;
  /** True while a queued deposit or top-up is not yet confirmed by the server. */
  balancePending: boolean;
  total: Usage & { pending: boolean };
  beneficiaries: ViewBeneficiary[];
  pendingMoney: PendingMoney[];
  verified: boolean;
  fee: number;
  maxActive: number;
};

export function feeOf(options: ApiOptions | null): number {
  return options?.fee ?? DEFAULT_TOPUP_FEE;
}

export function project(snapshot: Snapshot, outbox: OutboxEntry[]): View {
  const fee = feeOf(snapshot.options);
  const limitsConfig = snapshot.options?.limits;
  const maxActive = limitsConfig?.max_active_beneficiaries ?? DEFAULT_LIMITS.maxActiveBeneficiaries;
  const verified = snapshot.user.verified;
  const perBeneficiary = limitsConfig
    ? verified ? limitsConfig.beneficiary_monthly.verified : limitsConfig.beneficiary_monthly.unverified
    : beneficiaryLimit(DEFAULT_LIMITS, verified);
  const totalLimit = snapshot.limits?.total.limit ?? limitsConfig?.total_monthly ?? DEFAULT_LIMITS.totalMonthly;

  let balance = snapshot.user.balance;
  let totalUsed = snapshot.limits?.total.used ?? 0;
  const pendingMoney: PendingMoney[] = [];
  const pendingIds = new Set<string>();
  let list: ApiBeneficiary[] = snapshot.beneficiaries.slice();

  for (const { intent, key, createdAt } of outbox) {
    switch (intent.type) {
      case 'deposit':
        balance += intent.amount;
        pendingMoney.push({ key, kind: 'deposit', amount: intent.amount, fee: 0, beneficiaryId: null, createdAt });
        break;
      case 'topup':
        balance -= intent.amount + fee;
        totalUsed += intent.amount;
        list = list.map((b) => (b.id === intent.beneficiaryId ? { ...b, month_used: b.month_used + intent.amount } : b));
        pendingIds.add(intent.beneficiaryId);
        pendingMoney.push({ key, kind: 'topup', amount: intent.amount, fee, beneficiaryId: intent.beneficiaryId, createdAt });
        break;
      case 'addBeneficiary': {
        if (list.some((b) => b.id === intent.id)) break;
        const phone = intent.phone;
        list.push({
          id: intent.id,
          nickname: intent.nickname,
          phone,
          active: list.filter((b) => b.active).length < maxActive,
          operator: likelyOperator(phone),
          month_used: 0,
          month_limit: perBeneficiary,
          created_at: createdAt,
          updated_at: createdAt,
        });
        pendingIds.add(intent.id);
        break;
      }
      case 'renameBeneficiary':
        list = list.map((b) => (b.id === intent.id ? { ...b, nickname: intent.nickname } : b));
        pendingIds.add(intent.id);
        break;
      case 'setActive':
        list = list.map((b) => (b.id === intent.id ? { ...b, active: intent.active } : b));
        pendingIds.add(intent.id);
        break;
      case 'deleteBeneficiary':
        list = list.filter((b) => b.id !== intent.id);
        break;
    }
  }

  const beneficiaries = list
    .map((b) => ({ ...b, pending: pendingIds.has(b.id) }))
    .sort((a, b) => Number(b.active) - Number(a.active) || byIso(a.created_at, b.created_at));
  const moneyPending = pendingMoney.length > 0;
  return {
    balance,
    balancePending: moneyPending,
    total: { ...usage(totalUsed, totalLimit), pending: pendingMoney.some((m) => m.kind === 'topup') },
    beneficiaries,
    pendingMoney,
    verified,
    fee,
    maxActive,
  };
}

/**
 * Orders ISO 8601 timestamps (same format, so code-unit order is time order).
 * Not localeCompare: its first call builds an ICU collator, tens of ms on a slow
 * phone, inside the first render of Home.
 */
export function byIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
