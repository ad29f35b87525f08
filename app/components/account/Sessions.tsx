import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../../i18n';
import { api } from '../../lib/api';
import { formatWhen } from '../../lib/format';
import { deviceOf } from '../../lib/user-agent';
import type { ApiSession } from '../../../worker/contract/types';

type Session = ApiSession;

const deviceName = (ua: string | null) => {
  const device = deviceOf(ua, { browser: t('security.someBrowser'), os: t('security.someSystem') });
  return device ? t('security.deviceOn', device) : t('security.unknownDevice');
};

/** Account: where the person is signed in (this device marked); any other session can be ended. */
export function Sessions(props: { version?: number }) {
  // A new `version` (the password changed, other sessions ended) lists them again.
  const [list, { refetch }] = createResource(() => props.version ?? 0, async (): Promise<Session[] | 'offline' | 'failed'> => {
    const result = await api.sessions();
    if (result.ok) return result.data.items;
    return result.status === 0 ? 'offline' : 'failed';
  });
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<{ error: boolean; text: string } | null>(null);
  const items = () => {
    const value = list();
    return Array.isArray(value) ? value : [];
  };

  const end = async (session: Session) => {
    setBusy(true);
    setStatus(null);
    const result = await api.endSession(session.id);
    setBusy(false);
    if (result.ok || result.status === 404) {
      setStatus({ error: false, text: t('security.sessionEnded') });
      return void refetch();
    }
    setStatus({ error: true, text: result.status === 0 ? t('security.offline') : t('security.failed') });
  };

  return (
    <section aria-labelledby="sessions-title" class="card">
      <h2 id="sessions-title" class="text-lg font-bold">
        {t('security.sessionsTitle')}
      </h2>
      <Show when={list() === 'offline'}>
        <p class="muted mt-2">{t('security.offline')}</p>
      </Show>
      <Show when={list.loading}>
        <p class="muted mt-2">{t('security.loading')}</p>
      </Show>
      <ul class="mt-2 divide-y divide-slate-200 dark:divide-slate-700" aria-label={t('security.sessionsTitle')}>
        <For each={items()}>
          {(session) => (
            <li class="flex flex-wrap items-center gap-x-3 py-2">
              <div class="min-w-0 flex-[1_1_8rem]">
                <p class="font-semibold">
                  {deviceName(session.user_agent)}
                  <Show when={session.current}>
                    {' '}
                    <span class="badge-pending">{t('security.thisDevice')}</span>
                  </Show>
                </p>
                <p class="muted text-sm">{t(session.method === 'passkey' ? 'security.signedInWithPasskey' : 'security.signedInWithPassword')}</p>
                <p class="muted text-sm">
                  {t('security.since', { when: formatWhen(session.created_at) })}
                  <Show when={session.last_used_at}>{(at) => <> · {t('security.activeAt', { when: formatWhen(at()) })}</>}</Show>
                </p>
              </div>
              <Show when={!session.current}>
                <button type="button" class="btn-quiet" disabled={busy()} aria-label={t('security.endSessionOf', { device: deviceName(session.user_agent) })} onClick={() => void end(session)}>
                  {t('security.endSession')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
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
