import { Show } from 'solid-js';
import { wallet } from '../../state/wallet';
import { formatWhen } from '../../lib/format';
import { t } from '../../i18n';

/** "Offline", "3 pending", "Syncing…" or "Synced 10:32": always visible in the header. */
export function SyncStatus() {
  const syncedAt = () => wallet.snapshot?.syncedAt ?? null;
  const pending = () => wallet.outbox.length;
  return (
    <p role="status" class="flex min-w-0 flex-col items-end gap-0.5 text-end text-xs leading-tight sm:flex-row sm:items-center sm:gap-1.5 sm:text-sm">
      <Show
        when={!wallet.online}
        fallback={
          <span class="muted">
            {wallet.syncing
              ? t('sync.syncing')
              : pending()
                ? `${t('sync.pending', { count: pending() })}${wallet.syncProblem ? ` · ${t('sync.willRetry')}` : ''}`
                : syncedAt()
                  ? t('sync.synced', { time: formatWhen(syncedAt()!) })
                  : ''}
          </span>
        }
      >
        <span class="inline-flex items-center gap-1 rounded-full bg-slate-800 px-2 py-0.5 font-semibold text-white dark:bg-slate-200 dark:text-slate-900">
          <span aria-hidden="true" class="h-2 w-2 rounded-full bg-amber-400 dark:bg-amber-600" />
          {t('sync.offline')}
        </span>
        <span class="muted whitespace-nowrap">{syncedAt() ? t('sync.lastSynced', { time: formatWhen(syncedAt()!) }) : t('sync.never')}</span>
        {/* What waits to be sent, counted while offline too. */}
        <Show when={pending()}>
          <span class="muted whitespace-nowrap">{t('sync.pending', { count: pending() })}</span>
        </Show>
      </Show>
    </p>
  );
}
