/** Issue 24's intents: a withdrawal to the bank, and a problem reported about a top-up. Both queue offline like every change. */
import { client, type BodyOf } from '../../lib/api';
import type { IntentDefinition, Snapshot } from '../records';
import { t } from '../../i18n';

function readBalance(answer: unknown): number | null {
  const balance = answer !== null && typeof answer === 'object' && 'balance' in answer ? answer.balance : null;
  return Number.isSafeInteger(balance) ? (balance as number) : null;
}

const withBalance = (snapshot: Snapshot, balance: number | null): Snapshot => (balance === null ? snapshot : { ...snapshot, user: { ...snapshot.user, balance } });

export const withdraw: IntentDefinition<'withdraw'> = {
  request: ({ amount }) => ({
    method: 'POST',
    path: client.api.wallet.withdrawals.$path(),
    body: { amount } satisfies BodyOf<typeof client.api.wallet.withdrawals.$post>,
  }),
  project(draft, intent, { key, createdAt }) {
    draft.balance -= intent.amount;
    draft.pendingMoney.push({ key, kind: 'withdrawal', amount: intent.amount, fee: 0, beneficiaryId: null, createdAt });
  },
  fold: (snapshot, _intent, answer) => withBalance(snapshot, readBalance(answer)),
  // INSUFFICIENT_BALANCE (spent meanwhile on another device): the person decides again.
  refusal: () => 'attention',
  describe: (intent, _nameOf, money) => t('intent.withdraw', { amount: money(intent.amount) }),
};

export const reportProblem: IntentDefinition<'reportProblem'> = {
  request: ({ topupId, reason, message }) => ({
    method: 'POST',
    path: client.api.topups[':id'].problems.$path({ param: { id: topupId } }),
    body: { reason, ...(message ? { message } : {}) } satisfies BodyOf<(typeof client.api.topups)[':id']['problems']['$post']>,
  }),
  // Nothing of the wallet changes; the receipt shows the report as sent once it is in the queue.
  project() {},
  fold: (snapshot) => snapshot,
  // One already open (DUPLICATE_PROBLEM) is what the person wanted: it is reported.
  refusal: (code) => (code === 'DUPLICATE_PROBLEM' ? 'done' : 'attention'),
  describe: () => t('intent.reportProblem'),
};
