/** The beneficiary intents: create, rename, activate/deactivate, delete. One entry each. */
import type { ApiBeneficiary } from '../../../worker/contract/types';
import { likelyOperator } from '../../../worker/domain/phone';
import { client, type BodyOf } from '../../lib/api';
import type { IntentDefinition, Snapshot } from '../records';
import { t } from '../../i18n';

// Paths and bodies come from the server's routes (hc<AppType>): a route that changes fails to compile here.
const one = client.api.beneficiaries[':id'];
const path = (id: string) => one.$path({ param: { id: encodeURIComponent(id) } });
type CreateBody = BodyOf<typeof client.api.beneficiaries.$post>;
type UpdateBody = BodyOf<typeof one.$patch>;

const upsert = (list: ApiBeneficiary[], item: ApiBeneficiary) =>
  list.some((b) => b.id === item.id) ? list.map((b) => (b.id === item.id ? item : b)) : [...list, item];

/** `{beneficiary}` of the answer, checked (sync results are unknown JSON): a drifted answer folds nothing. */
function readBeneficiary(answer: unknown): ApiBeneficiary | null {
  const b = answer !== null && typeof answer === 'object' && 'beneficiary' in answer ? answer.beneficiary : null;
  return b !== null && typeof b === 'object' && 'id' in b && typeof b.id === 'string' && 'active' in b && typeof b.active === 'boolean' ? (b as ApiBeneficiary) : null;
}

/** Creating, renaming and (de)activating all answer `{beneficiary}`: the server's copy replaces ours. */
function foldBeneficiary(snapshot: Snapshot, _intent: unknown, answer: unknown): Snapshot {
  const beneficiary = readBeneficiary(answer);
  return beneficiary ? { ...snapshot, beneficiaries: upsert(snapshot.beneficiaries, beneficiary) } : snapshot;
}

const nameOr = (nameOf: (id: string) => string | undefined, id: string) => nameOf(id) ?? t('intent.someone');

export const addBeneficiary: IntentDefinition<'addBeneficiary'> = {
  // `active` is left to the server: it knows how many are active right now.
  request: ({ id, nickname, phone }) => ({ method: 'POST', path: client.api.beneficiaries.$path(), body: { id, nickname, phone } satisfies CreateBody }),
  project(draft, intent, { createdAt, maxActive, perBeneficiary }) {
    if (draft.beneficiaries.some((b) => b.id === intent.id)) return;
    draft.beneficiaries.push({
      id: intent.id,
      nickname: intent.nickname,
      phone: intent.phone,
      // As the server decides it: active while fewer than the maximum are.
      active: draft.beneficiaries.filter((b) => b.active).length < maxActive,
      operator: likelyOperator(intent.phone),
      month_used: 0,
      month_limit: perBeneficiary,
      created_at: createdAt,
      updated_at: createdAt,
    });
    draft.pendingIds.add(intent.id);
  },
  fold: foldBeneficiary,
  refusal: () => 'attention',
  describe: (intent) => t('intent.add', { name: intent.nickname }),
};

export const renameBeneficiary: IntentDefinition<'renameBeneficiary'> = {
  request: ({ id, nickname }) => ({ method: 'PATCH', path: path(id), body: { nickname } satisfies UpdateBody }),
  project(draft, intent) {
    draft.beneficiaries = draft.beneficiaries.map((b) => (b.id === intent.id ? { ...b, nickname: intent.nickname } : b));
    draft.pendingIds.add(intent.id);
  },
  fold: foldBeneficiary,
  refusal: () => 'attention',
  describe: (intent, nameOf) => t('intent.rename', { name: nameOr(nameOf, intent.id), to: intent.nickname }),
};

/** Activate and deactivate: one PATCH, the flag says which. */
export const setActive: IntentDefinition<'setActive'> = {
  request: ({ id, active }) => ({ method: 'PATCH', path: path(id), body: { active } satisfies UpdateBody }),
  project(draft, intent) {
    draft.beneficiaries = draft.beneficiaries.map((b) => (b.id === intent.id ? { ...b, active: intent.active } : b));
    draft.pendingIds.add(intent.id);
  },
  fold: foldBeneficiary,
  refusal: () => 'attention',
  describe: (intent, nameOf) => t(intent.active ? 'intent.activate' : 'intent.deactivate', { name: nameOr(nameOf, intent.id) }),
};

export const deleteBeneficiary: IntentDefinition<'deleteBeneficiary'> = {
  request: ({ id }) => ({ method: 'DELETE', path: path(id) }),
  project(draft, intent) {
    draft.beneficiaries = draft.beneficiaries.filter((b) => b.id !== intent.id);
  },
  // 204 has no body; a 404 (below) folds the same way.
  fold: (snapshot, intent) => ({ ...snapshot, beneficiaries: snapshot.beneficiaries.filter((b) => b.id !== intent.id) }),
  // Deleting something that is already gone has the effect the person wanted.
  refusal: (_code, status) => (status === 404 ? 'done' : 'attention'),
  describe: (intent, nameOf) => t('intent.delete', { name: nameOr(nameOf, intent.id) }),
};
