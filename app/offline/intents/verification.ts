/** The simulated identity check (KYC) as an intent: it reaches the server the way every other change does. */
import { client } from '../../lib/api';
import type { ApiUser } from '../../../worker/contract/types';
import type { IntentDefinition } from '../records';
import { t } from '../../i18n';

/** `{user}` of the answer, checked: a drifted answer folds nothing. */
function readUser(answer: unknown): ApiUser | null {
  const u = answer !== null && typeof answer === 'object' && 'user' in answer ? answer.user : null;
  return u !== null && typeof u === 'object' && 'verified' in u && typeof u.verified === 'boolean' && 'balance' in u && Number.isSafeInteger(u.balance)
    ? (u as ApiUser)
    : null;
}

export const verify: IntentDefinition<'verify'> = {
  request: () => ({ method: 'POST', path: client.api.me.verification.$path() }),
  // Not shown as verified before the server says so (a real identity check can say no): only "pending".
  project(draft) {
    draft.verificationPending = true;
  },
  fold: (snapshot, _intent, answer) => {
    const user = readUser(answer);
    return user ? { ...snapshot, user } : snapshot;
  },
  // FORBIDDEN where the deployment has no simulated KYC: the person sees why.
  refusal: () => 'attention',
  describe: () => t('intent.verify'),
};
