import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n';
import { api } from '../../lib/api';
import { passkeyErrorText } from '../../lib/errors';
import { formatWhen } from '../../lib/format';
import { passkeysSupported } from '../../lib/passkeys';
import { deviceOf } from '../../lib/user-agent';
import { addPasskey } from '../../state/security';
import type { ApiPasskey } from '../../../worker/contract/types';
import { Dialog } from '../../ui/Dialog';
import { ServerListCard, serverList } from './ServerList';

/** Account: the user's passkeys (name, added, last used), adding one on this device, removing one. */
export function Passkeys() {
  const passkeys = serverList<ApiPasskey>(() => api.passkeys());

  const add = () =>
    passkeys.change(async () => {
      const device = deviceOf(navigator.userAgent, { browser: t('security.someBrowser'), os: t('security.someSystem') });
      const outcome = await addPasskey(device ? t('security.deviceOn', device) : t('security.passkeysTitle'));
      if (outcome.ok) return { error: false, text: t('security.passkeyAdded'), done: true };
      return { error: !outcome.cancelled, text: outcome.cancelled ? t('security.passkeyNotAdded') : outcome.status === 0 ? t('security.offline') : t('security.failed') };
    });

  // Removing one is confirmed first: it cannot be undone from here, only replaced by adding another.
  const [removing, setRemoving] = createSignal<ApiPasskey | null>(null);
  const remove = (passkey: ApiPasskey) => {
    setRemoving(null);
    return passkeys.change(async () => {
      const result = await api.removePasskey(passkey.id);
      if (result.ok || result.status === 404) return { error: false, text: t('security.passkeyRemoved'), done: true };
      return { error: true, text: passkeyErrorText({ status: result.status, error: result.error }) };
    });
  };

  return (
    <ServerListCard
      id="passkeys-title"
      title={t('security.passkeysTitle')}
      intro={t('security.passkeysIntro')}
      empty={t('security.passkeysEmpty')}
      state={passkeys}
      after={
        <>
          <Show when={passkeysSupported()} fallback={<p class="muted mt-2">{t('security.passkeysUnsupported')}</p>}>
            <button type="button" class="btn-primary mt-3" disabled={passkeys.busy() || passkeys.list() === 'offline'} onClick={() => void add()}>
              {t('security.addPasskey')}
            </button>
          </Show>
          <Dialog open={!!removing()} onClose={() => setRemoving(null)} title={t('security.removeTitle', { name: removing()?.name ?? '' })}>
            <p>{t('security.removeText')}</p>
            <div class="mt-5 flex flex-wrap justify-end gap-2">
              <button type="button" class="btn-secondary" autofocus onClick={() => setRemoving(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" class="btn-danger" onClick={() => void remove(removing()!)}>
                {t('security.removeConfirm')}
              </button>
            </div>
          </Dialog>
        </>
      }
    >
      {(passkey) => (
        <li class="flex items-center gap-3 py-2">
          <div class="min-w-0 flex-1">
            <p class="truncate font-semibold">{passkey.name}</p>
            <p class="muted text-sm">
              {t('security.created', { when: formatWhen(passkey.created_at) })} ·{' '}
              {passkey.last_used_at ? t('security.lastUsed', { when: formatWhen(passkey.last_used_at) }) : t('security.neverUsed')}
            </p>
          </div>
          <button type="button" class="btn-quiet" disabled={passkeys.busy()} aria-label={t('security.removePasskey', { name: passkey.name })} onClick={() => setRemoving(passkey)}>
            {t('security.remove')}
          </button>
        </li>
      )}
    </ServerListCard>
  );
}
