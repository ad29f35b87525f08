/** The intents that move money: a deposit and a top-up. */
import type { ApiTopup } from '../../../worker/contract/types';
import { client, type BodyOf } from '../../lib/api';
import type { IntentDefinition, Snapshot } from '../records';
import { t } from '../../i18n';

// The answers' parts the folds use, checked (sync results are unknown JSON): a drifted answer folds nothing.
function readBalance(answer: unknown): number | null {
  const balance = answer !== null && typeof answer === 'object' && 'balance' in answer ? answer.balance : null;
  return Number.isSafeInteger(balance) ? (balance as number) : null;
}

function readTopup(answer: unknown): ApiTopup | null {
  const t = answer !== null && typeof answer === 'object' && 'topup' in answer ? answer.topup : null;
  const ok = t !== null && typeof t === 'object' && 'beneficiary_id' in t && typeof t.beneficiary_id === 'string' && 'amount' in t && Number.isSafeInteger(t.amount);
  return ok ? (t as ApiTopup) : null;
}

function withBalance(snapshot: Snapshot, balance: number | null): Snapshot {
  return balance === null ? snapshot : { ...snapshot, user: { ...snapshot.user, balance } };
}

/** Counts a top-up towards the limits until the next refresh brings exact figures; a failed one counts nothing. */
function withTopup(snapshot: Snapshot, topup: ApiTopup): Snapshot {
  const add = topup.status !== 'failed' ? topup.amount : 0;
  const limits = snapshot.limits
    ? {
        ...snapshot.limits,
        total: { ...snapshot.limits.total, used: snapshot.limits.total.used + add, remaining: Math.max(0, snapshot.limits.total.remaining - add) },
      }
    : null;
  const beneficiaries = snapshot.beneficiaries.map((b) => (b.id === topup.beneficiary_id ? { ...b, month_used: b.month_used + add } : b));
  const topups = snapshot.topups ? { ...snapshot.topups, items: [topup, ...snapshot.topups.items.filter((t) => t.id !== topup.id)] } : null;
  return { ...snapshot, limits, beneficiaries, topups };
}

export const deposit: IntentDefinition<'deposit'> = {
  request: ({ amount }) => ({
    method: 'POST',
    path: client.api.wallet.deposits.$path(),
    body: { amount } satisfies BodyOf<typeof client.api.wallet.deposits.$post>,
  }),
  project(draft, intent, { key, createdAt }) {
    draft.balance += intent.amount;
    draft.pendingMoney.push({ key, kind: 'deposit', amount: intent.amount, fee: 0, beneficiaryId: null, createdAt });
  },
  fold: (snapshot, _intent, answer) => withBalance(snapshot, readBalance(answer)),
  refusal: () => 'attention',
  describe: (intent, _nameOf, money) => t('intent.deposit', { amount: money(intent.amount) }),
};

export const topup: IntentDefinition<'topup'> = {
  request: ({ beneficiaryId, amount }) => ({
    method: 'POST',
    path: client.api.topups.$path(),
    body: { beneficiary_id: beneficiaryId, amount } satisfies BodyOf<typeof client.api.topups.$post>,
  }),
  project(draft, intent, { key, createdAt, fee }) {
    draft.balance -= intent.amount + fee;
    draft.totalUsed += intent.amount;
    draft.beneficiaries = draft.beneficiaries.map((b) => (b.id === intent.beneficiaryId ? { ...b, month_used: b.month_used + intent.amount } : b));
    draft.pendingIds.add(intent.beneficiaryId);
    draft.pendingMoney.push({ key, kind: 'topup', amount: intent.amount, fee, beneficiaryId: intent.beneficiaryId, createdAt });
  },
  fold(snapshot, _intent, answer) {
    const next = withBalance(snapshot, readBalance(answer));
    const made = readTopup(answer);
    return made ? withTopup(next, made) : next;
  },
  refusal: () => 'attention',
  describe: (intent, nameOf, money) => t('intent.topup', { name: nameOf(intent.beneficiaryId) ?? t('intent.someone'), amount: money(intent.amount) }),
};
