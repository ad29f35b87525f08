import { lazy, Show, Suspense } from 'solid-js';
import { wallet } from '../../state/wallet';

// Rarely shown: its code loads only when something needs attention.
const AttentionList = lazy(() => import('./AttentionList'));

/** "Needs attention": refused actions, when there are any. */
export function Attention() {
  return (
    <Show when={wallet.attention.length}>
      <Suspense>
        <AttentionList />
      </Suspense>
    </Show>
  );
}
