/**
 * Every change a person makes is an intent. The outbox stores intents (not raw
 * requests) so the screen can apply them optimistically and describe them; the
 * request that replays one is derived here, in one place.
 */
import type { SyncAction } from '../../worker/domain/contract';
import { formatAed } from '../../worker/domain/money';

export type Intent =
  | { type: 'deposit'; amount: number }
  | { type: 'addBeneficiary'; id: string; nickname: string; phone: string }
  | { type: 'renameBeneficiary'; id: string; nickname: string }
  | { type: 'setActive'; id: string; active: boolean }
  | { type: 'deleteBeneficiary'; id: string }
  | { type: 'topup'; beneficiaryId: string; amount: number };

export type IntentRequest = Omit<SyncAction, 'key'>;

export function toRequest(intent: Intent): IntentRequest {
  switch (intent.type) {
    case 'deposit':
      return { method: 'POST', path: '/api/wallet/deposits', body: { amount: intent.amount } };
    case 'addBeneficiary':
      // `active` is left to the server: it knows how many are active right now.
      return {
        method: 'POST',
        path: '/api/beneficiaries',
        body: { id: intent.id, nickname: intent.nickname, phone: intent.phone },
      };
    case 'renameBeneficiary':
      return { method: 'PATCH', path: beneficiaryPath(intent.id), body: { nickname: intent.nickname } };
    case 'setActive':
      return { method: 'PATCH', path: beneficiaryPath(intent.id), body: { active: intent.active } };
    case 'deleteBeneficiary':
      return { method: 'DELETE', path: beneficiaryPath(intent.id) };
    case 'topup':
      return { method: 'POST', path: '/api/topups', body: { beneficiary_id: intent.beneficiaryId, amount: intent.amount } };
  }
}

const beneficiaryPath = (id: string) => `/api/beneficiaries/${encodeURIComponent(id)}`;

/** The beneficiary an intent is about, if any. */
export function intentBeneficiary(intent: Intent): string | null {
  if (intent.type === 'deposit') return null;
  return intent.type === 'topup' ? intent.beneficiaryId : intent.id;
}

/** One line a person understands: "Top up Mum AED 20.00". */
export function describeIntent(intent: Intent, nameOf: (id: string) => string | undefined): string {
  const name = (id: string) => nameOf(id) ?? 'a beneficiary';
  switch (intent.type) {
    case 'deposit':
      return `Add funds ${formatAed(intent.amount)}`;
    case 'addBeneficiary':
      return `Add beneficiary ${intent.nickname}`;
    case 'renameBeneficiary':
      return `Rename ${name(intent.id)} to ${intent.nickname}`;
    case 'setActive':
      return `${intent.active ? 'Activate' : 'Deactivate'} ${name(intent.id)}`;
    case 'deleteBeneficiary':
      return `Delete ${name(intent.id)}`;
    case 'topup':
      return `Top up ${name(intent.beneficiaryId)} ${formatAed(intent.amount)}`;
  }
}
