import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';

type Loaded<T> = T[] | 'offline' | 'failed';
type Status = { error: boolean; text: string } | null;

/**
 * What an Account card that lists the server's records (passkeys, sessions) shares: the list, read
 * again after each change or when `version` changes, and one change at a time whose outcome is
 * announced under the list. These live on the server only: offline they are said to need a connection.
 */
export function serverList<T>(read: () => Promise<{ ok: true; data: { items: T[] } } | { ok: false; status: number }>, version?: () => number) {
  const [list, { refetch }] = createResource(version ?? (() => 0), async (): Promise<Loaded<T>> => {
    const result = await read();
    if (result.ok) return result.data.items;
    return result.status === 0 ? 'offline' : 'failed';
  });
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<Status>(null);
  return {
    list,
    items: (): T[] => {
      const value = list();
      return Array.isArray(value) ? value : [];
    },
    busy,
    status,
    /** Runs one change; a `done` outcome lists the records again. */
    async change(run: () => Promise<Status & { done?: boolean }>): Promise<void> {
      setBusy(true);
      setStatus(null);
      const outcome = await run();
      setBusy(false);
      setStatus(outcome);
      if (outcome?.done) void refetch();
    },
  };
}

/** The card: its title, what it is, the list as loaded (or why not), what follows it, the last change's outcome. */
export function ServerListCard<T>(props: {
  id: string;
  title: string;
  intro?: string;
  empty?: string;
  state: ReturnType<typeof serverList<T>>;
  children: (item: T) => JSX.Element;
  after?: JSX.Element;
}) {
  const s = () => props.state;
  return (
    <section aria-labelledby={props.id} class="card">
      <h2 id={props.id} class="text-lg font-bold">
        {props.title}
      </h2>
      <Show when={props.intro}>
        <p class="mt-1">{props.intro}</p>
      </Show>
      <Show when={s().list.loading}>
        <p class="muted mt-2">{t('security.loading')}</p>
      </Show>
      <Show when={s().list() === 'offline' || s().list() === 'failed'}>
        <p class="muted mt-2">{t(s().list() === 'offline' ? 'security.offline' : 'security.failed')}</p>
      </Show>
      <Show when={props.empty && Array.isArray(s().list()) && s().items().length === 0}>
        <p class="muted mt-2">{props.empty}</p>
      </Show>
      <ul class="mt-2 divide-y divide-slate-200 dark:divide-slate-700" aria-label={props.title}>
        <For each={s().items()}>{(item) => props.children(item)}</For>
      </ul>
      {props.after}
      <Show when={s().status()}>
        {(status) => (
          <p role={status().error ? 'alert' : 'status'} class={status().error ? 'error-text' : 'mt-2'}>
            {status().text}
          </p>
        )}
      </Show>
    </section>
  );
}
