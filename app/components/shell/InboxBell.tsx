import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { unread } from '../../state/inbox-store';
import { t } from '../../i18n';

/** Home's bell: the unread count (kept by the inbox, which every sync refreshes, state/sync.ts), a link to the inbox. */
export function InboxBell() {
  return (
    <A href="/notifications" class="relative inline-flex h-10 w-10 items-center justify-center rounded-full text-white hover:bg-white/10" aria-label={t('inbox.bell', { count: unread() })}>
      <svg viewBox="0 0 24 24" class="h-6 w-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <Show when={unread() > 0}>
        <span class="absolute -end-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-bold text-white" data-testid="unread-count">
          {unread() > 99 ? '99+' : unread()}
        </span>
      </Show>
    </A>
  );
}
