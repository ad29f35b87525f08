import { Show } from 'solid-js';
import { t } from '../../i18n';
import { api } from '../../lib/api';
import { formatWhen } from '../../lib/format';
import { deviceOf } from '../../lib/user-agent';
import type { ApiSession } from '../../../worker/contract/types';
import { ServerListCard, serverList } from './ServerList';

const deviceName = (ua: string | null) => {
  const device = deviceOf(ua, { browser: t('security.someBrowser'), os: t('security.someSystem') });
  return device ? t('security.deviceOn', device) : t('security.unknownDevice');
};

/** Account: where the person is signed in (this device marked); any other session can be ended. */
export function Sessions(props: { version?: number }) {
  // A new `version` (the password changed, other sessions ended) lists them again.
  // eslint-disable-next-line solid/reactivity -- the accessor is createResource's source (serverList), which tracks it
  const sessions = serverList<ApiSession>(() => api.sessions(), () => props.version ?? 0);
  const end = (session: ApiSession) =>
    sessions.change(async () => {
      const result = await api.endSession(session.id);
      if (result.ok || result.status === 404) return { error: false, text: t('security.sessionEnded'), done: true };
      return { error: true, text: result.status === 0 ? t('security.offline') : t('security.failed') };
    });

  return (
    <ServerListCard id="sessions-title" title={t('security.sessionsTitle')} state={sessions}>
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
            <button type="button" class="btn-quiet" disabled={sessions.busy()} aria-label={t('security.endSessionOf', { device: deviceName(session.user_agent) })} onClick={() => void end(session)}>
              {t('security.endSession')}
            </button>
          </Show>
        </li>
      )}
    </ServerListCard>
  );
}
