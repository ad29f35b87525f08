import { lazy, Show, Suspense } from 'solid-js';
import { updateWaiting } from '../../lib/pwa';

// Rarely shown: its code loads (from the precache) only when an update waits.
const UpdateBar = lazy(() => import('./UpdateBar'));

/** "Update available — reload" when a new deploy is waiting (prompt mode). */
export function ReloadPrompt() {
  return (
    <Show when={updateWaiting()}>
      <Suspense>
        <UpdateBar />
      </Suspense>
    </Show>
  );
}
