import { Show } from 'solid-js';
import { wallet } from '../state/wallet';
import { formatWhen } from '../lib/format';

/** "Offline", "3 pending", "Syncing…" or "Synced 10:32": always visible in the header. */
export function SyncStatus() {
  const syncedAt = () => wallet.snapshot?.syncedAt ?? null;
  const pending = () => wallet.outbox.length;
  return (
    <p role="status" class="flex min-w-0 flex-col items-end gap-0.5 text-right text-xs leading-tight sm:flex-row sm:items-center sm:gap-1.5 sm:text-sm">
      <Show
        when={!wallet.online}
        fallback={
          <span class="muted">
            {wallet.syncing
              ? 'Syncing…'
              : pending()
                ? `${pending()} pending${wallet.syncProblem ? ' · will retry' : ''}`
                : syncedAt()
                  ? `Synced ${formatWhen(syncedAt()!)}`
                  : ''}
          </span>
        }
      >
        <span class="inline-flex items-center gap-1 rounded-full bg-slate-800 px-2 py-0.5 font-semibold text-white dark:bg-slate-200 dark:text-slate-900">
          <span aria-hidden="true" class="h-2 w-2 rounded-full bg-amber-400 dark:bg-amber-600" />
          Offline
        </span>
        <span class="muted whitespace-nowrap">{syncedAt() ? `last synced ${formatWhen(syncedAt()!)}` : 'not synced yet'}</span>
      </Show>
    </p>
  );
}
