import { Show } from 'solid-js';
import { applyUpdate, dismissUpdate, updateWaiting } from '../lib/pwa';

/** "Update available — reload" when a new deploy is waiting (prompt mode). */
export function ReloadPrompt() {
  return (
    <Show when={updateWaiting()}>
      <div role="alert" class="fixed inset-x-3 bottom-20 z-20 mx-auto flex max-w-md items-center gap-2 rounded-2xl bg-slate-900 p-3 text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
        <p class="flex-1 text-sm font-medium">Update available</p>
        <button type="button" class="btn bg-white text-slate-900 dark:bg-slate-900 dark:text-white" onClick={applyUpdate}>
          Reload
        </button>
        <button type="button" class="btn px-3 underline" onClick={dismissUpdate}>
          Later
        </button>
      </div>
    </Show>
  );
}
