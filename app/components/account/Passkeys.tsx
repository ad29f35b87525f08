import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n';
import { api } from '../../lib/api';
import { passkeyErrorText } from '../../lib/errors';
import { formatWhen } from '../../lib/format';
import { passkeysSupported } from '../../lib/passkeys';
import { deviceOf } from '../../lib/user-agent';
import { addPasskey } from '../../state/security';
import type { ApiPasskey } from '../../../worker/contract/types';
import { Dialog } from '../../ui/Dialog';

type Passkey = ApiPasskey;

/** Account: the user's passkeys (name, added, last used), adding one on this device, removing one. */
export function Passkeys() {
  const [list, { refetch }] = createResource(async (): Promise<Passkey[] | 'offline' | 'failed'> => {
    const result = await api.passkeys();
    if (result.ok) return result.data.items;
    return result.status === 0 ? 'offline' : 'failed';
  });
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<{ error: boolean; text: string } | null>(null);
  const items = () => {
    const value = list();
    return Array.isArray(value) ? value : [];
  };

  const add = async () => {
    setBusy(true);
    setStatus(null);
    const device = deviceOf(navigator.userAgent, { browser: t('security.someBrowser'), os: t('security.someSystem') });
    const outcome = await addPasskey(device ? t('security.deviceOn', device) : t('security.passkeysTitle'));
    setBusy(false);
    if (outcome.ok) {
      setStatus({ error: false, text: t('security.passkeyAdded') });
      return void refetch();
    }
    setStatus({ error: !outcome.cancelled, text: outcome.cancelled ? t('security.passkeyNotAdded') : outcome.status === 0 ? t('security.offline') : t('security.failed') });
  };

  // Removing one is confirmed first: it cannot be undone from here, only replaced by adding another.
  const [removing, setRemoving] = createSignal<Passkey | null>(null);
  const remove = async (passkey: Passkey) => {
    setRemoving(null);
    setBusy(true);
    setStatus(null);
    const result = await api.removePasskey(passkey.id);
    setBusy(false);
    if (result.ok || result.status === 404) {
      setStatus({ error: false, text: t('security.passkeyRemoved') });
      return void refetch();
    }
    setStatus({ error: true, text: passkeyErrorText({ status: result.status, error: result.error }) });
  };

  return (
    <section aria-labelledby="passkeys-title" class="card">
      <h2 id="passkeys-title" class="text-lg font-bold">
        {t('security.passkeysTitle')}
      </h2>
      <p class="mt-1">{t('security.passkeysIntro')}</p>
      <Show when={list() === 'offline'}>
        <p class="muted mt-2">{t('security.offline')}</p>
      </Show>
      <Show when={list.loading}>
        <p class="muted mt-2">{t('security.loading')}</p>
      </Show>
      <Show when={Array.isArray(list()) && items().length === 0}>
        <p class="muted mt-2">{t('security.passkeysEmpty')}</p>
      </Show>
      <ul class="mt-2 divide-y divide-slate-200 dark:divide-slate-700" aria-label={t('security.passkeysTitle')}>
        <For each={items()}>
          {(passkey) => (
            <li class="flex items-center gap-3 py-2">
              <div class="min-w-0 flex-1">
                <p class="truncate font-semibold">{passkey.name}</p>
                <p class="muted text-sm">
                  {t('security.created', { when: formatWhen(passkey.created_at) })} ·{' '}
                  {passkey.last_used_at ? t('security.lastUsed', { when: formatWhen(passkey.last_used_at) }) : t('security.neverUsed')}
                </p>
              </div>
              <button type="button" class="btn-quiet" disabled={busy()} aria-label={t('security.removePasskey', { name: passkey.name })} onClick={() => setRemoving(passkey)}>
                {t('security.remove')}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={passkeysSupported()} fallback={<p class="muted mt-2">{t('security.passkeysUnsupported')}</p>}>
        <button type="button" class="btn-primary mt-3" disabled={busy() || list() === 'offline'} onClick={() => void add()}>
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
      <Show when={status()}>
        {(s) => (
          <p role={s().error ? 'alert' : 'status'} class={s().error ? 'error-text' : 'mt-2'}>
            {s().text}
          </p>
        )}
      </Show>
    </section>
  );
}
