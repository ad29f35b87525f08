/** The language notifications are worded in (PATCH /api/me {lang}): queued like any change, so a switch made offline reaches the server later. */
import { client } from '../../lib/api';
import type { IntentDefinition } from '../records';
import { t } from '../../i18n';

export const setLang: IntentDefinition<'setLang'> = {
  request: (intent) => ({ method: 'PATCH', path: client.api.me.$path(), body: { lang: intent.lang } }),
  // The screen already speaks it (the switch applies at once, on this device).
  project: () => undefined,
  fold: (snapshot, intent) => ({ ...snapshot, user: { ...snapshot.user, lang: intent.lang } }),
  // Nothing a person could fix: a refusal is only worth knowing about.
  refusal: () => 'attention',
  describe: () => t('intent.setLang'),
};
