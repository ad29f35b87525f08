import { useNavigate } from '@solidjs/router';
import { For, onMount, Show } from 'solid-js';
import { PageTitle } from '../ui/PageTitle';
import { formatWhen } from '../lib/format';
import { notificationLink } from '../lib/notification-link';
import { inbox, loadSavedInbox, markRead, refreshInbox } from '../state/inbox';
import type { ApiNotification } from '../../worker/contract/types';
import { t } from '../i18n';

/** The inbox: newest first, unread marked; opening one marks it read and goes where it is about. */
export default function Inbox() {
  const navigate = useNavigate();
  onMount(() => {
    loadSavedInbox();
    void refreshInbox();
  });
  const open = (n: ApiNotification) => {
    void markRead([n.id]);
    navigate(notificationLink(n));
  };
  return (
    <div class="space-y-4">
      <div class="flex items-center justify-between gap-2">
        <PageTitle>{t('inbox.title')}</PageTitle>
        <Show when={inbox.unread > 0}>
          <button type="button" class="btn-quiet" onClick={() => void markRead('all')}>
            {t('inbox.markAllRead')}
          </button>
        </Show>
      </div>
      <Show when={inbox.status === 'offline'}>
        <p class="muted" role="status">
          {t('inbox.offline')}
        </p>
      </Show>
      <Show when={inbox.status === 'failed'}>
        <p class="error-text" role="status">
          {t('inbox.failed')}
        </p>
      </Show>
      <Show when={inbox.items.length > 0} fallback={<p class="card muted">{inbox.status === 'loading' ? t('common.loading') : t('inbox.empty')}</p>}>
        <ul class="card divide-y divide-slate-200 p-0 dark:divide-slate-700" aria-label={t('inbox.title')}>
          <For each={inbox.items}>
            {(n) => (
              <li>
                <button type="button" class="flex w-full items-start gap-3 px-4 py-3 text-start hover:bg-slate-50 dark:hover:bg-slate-800" onClick={() => open(n)} data-notification={n.id}>
                  <span class={`mt-2 h-2.5 w-2.5 shrink-0 rounded-full ${n.read_at === null ? 'bg-brand-600' : 'bg-transparent'}`} aria-hidden="true" />
                  <span class="min-w-0 flex-1">
                    <span class={`block ${n.read_at === null ? 'font-bold' : 'font-medium'}`}>
                      <Show when={n.read_at === null}>
                        <span class="sr-only">{t('inbox.unread')}: </span>
                      </Show>
                      <bdi>{n.title}</bdi>
                    </span>
                    <span class="mt-0.5 block text-sm">
                      <bdi>{n.body}</bdi>
                    </span>
                    <span class="muted mt-1 block text-xs">{formatWhen(n.created_at)}</span>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
