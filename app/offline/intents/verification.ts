/** The simulated identity check (KYC) as an intent: it reaches the server the way every other change does. */
import { client } from '../../lib/api';
import { readUser } from './answers';
import { alwaysAttention, type IntentDefinition } from './types';

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
  refusal: alwaysAttention,
  describe: () => 'Verify identity',
};
