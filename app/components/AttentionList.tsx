import { For, Show } from 'solid-js';
import { describeIntent } from '../offline/intents/book';
import { dismiss, retry } from '../state/commands';
import { nicknameOf, wallet } from '../state/wallet';

/** Actions the server refused: rolled back on screen, kept here until dismissed or retried. */
export default function AttentionList() {
  return (
    <>
      <section aria-labelledby="attention-title" class="card border-l-4 border-red-700 dark:border-red-400">
        <h2 id="attention-title" class="text-lg font-bold">
          Needs attention
        </h2>
        <ul class="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
          <For each={wallet.attention}>
            {(item) => {
              // A parked record (an older app's action that could not be upgraded) has no intent to describe or retry.
              const what = () => (item.intent ? describeIntent(item.intent, nicknameOf) : 'An action saved by an older version of the app');
              return (
                <li class="py-3">
                  <p class="font-semibold">{what()}</p>
                  <p class="text-sm text-red-700 dark:text-red-300">Not done: {item.message}</p>
                  <div class="mt-2 flex gap-2">
                    <Show when={item.intent}>
                      <button type="button" class="btn-secondary" aria-label={`Retry: ${what()}`} onClick={() => void retry(item.key)}>
                        Retry
                      </button>
                    </Show>
                    <button type="button" class="btn-quiet" aria-label={`Dismiss: ${what()}`} onClick={() => void dismiss(item.key)}>
                      Dismiss
                    </button>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </>
  );
}
