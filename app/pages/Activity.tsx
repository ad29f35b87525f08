import { A } from '@solidjs/router';
import { createEffect, createSignal, For, on, onMount, Show, type JSX } from 'solid-js';
import type { ApiTopup } from '../../worker/contract/types';
import { PageTitle } from '../ui/PageTitle';
import { PendingItem, TransactionItem } from '../components/money/ActivityItem';
import { api } from '../lib/api';
import { createPaged, observeVisible } from '../lib/paged';
import { formatAed, formatPhone, formatWhen } from '../lib/format';
import { updateSnapshot } from '../offline/writes';
import { currentDb, nicknameOf, wallet } from '../state/wallet';
import { t } from '../i18n';

type Tab = 'transactions' | 'topups';

function TopupItem(props: { item: ApiTopup }) {
  const status = () => t(props.item.status === 'failed' ? 'activity.declined' : props.item.status === 'pending' ? 'item.processing' : 'item.completed');
  return (
    <li>
      {/* The row's own top-up travels in the history entry: the receipt shows it (and again on Back). */}
      <A href={`/receipt/${props.item.id}`} state={{ topup: props.item }} class="row">
        <div class="row-main">
          <p class="truncate font-medium">{nicknameOf(props.item.beneficiary_id) ?? t('activity.deleted')}</p>
          <p class="text-xs">
            <span class="muted tabular-nums" dir="ltr">{formatPhone(props.item.phone)}</span> · <span class="font-semibold">{status()}</span>
          </p>
          <p class="muted text-xs">
            {formatWhen(props.item.created_at)}
            <Show when={props.item.provider_ref}>
              {(ref) => (
                <>
                  {' · '}
                  <span class="whitespace-nowrap">{t('activity.ref', { ref: ref() })}</span>
                </>
              )}
            </Show>
          </p>
        </div>
        <p class="row-amount">
          <bdi>{formatAed(props.item.amount)}</bdi>
        </p>
      </A>
    </li>
  );
}

/** Loads pages while the end of the list is on screen (a new page may still leave it visible). */
function Sentinel(props: { more: () => Promise<unknown>; hasMore: () => boolean }) {
  let ref: HTMLDivElement | undefined;
  let loading = false;
  // Measured, not remembered: the list grows between the observer's callbacks.
  const nearScreen = () => !!ref && ref.getBoundingClientRect().top < window.innerHeight + 200;
  const fill = async () => {
    if (loading) return;
    loading = true;
    while (nearScreen() && props.hasMore() && (await props.more()) !== null) await new Promise(requestAnimationFrame);
    loading = false;
  };
  onMount(() => ref && observeVisible(ref, (visible) => visible && void fill()));
  createEffect(on(() => props.hasMore(), () => void fill(), { defer: true }));
  return <div ref={ref} aria-hidden="true" class="h-px" />;
}

function PagedList<T extends { id: string }>(props: { paged: ReturnType<typeof createPaged<T>>; label: string; render: (item: T) => JSX.Element; pending?: JSX.Element }) {
  return (
    <>
      <ul aria-label={props.label} class="divide-y divide-slate-200 dark:divide-slate-800">
        {props.pending}
        <For each={props.paged.items()}>{(item) => props.render(item)}</For>
      </ul>
      <Show when={!props.paged.items().length && !props.paged.loading()}>
        <p class="muted py-3">{t('common.nothingYet')}</p>
      </Show>
      <Show when={props.paged.error()}>
        <p class="muted py-2 text-sm">{props.paged.error()}</p>
      </Show>
      <Sentinel more={props.paged.more} hasMore={() => !!props.paged.cursor()} />
      <Show when={props.paged.cursor() && !props.paged.loading()}>
        <button type="button" class="btn-secondary mt-2 w-full" onClick={() => void props.paged.more()}>
          {t('activity.more')}
        </button>
      </Show>
      <Show when={props.paged.loading()}>
        <p class="muted py-2 text-center text-sm">{t('common.loading')}</p>
      </Show>
    </>
  );
}

export default function Activity() {
  const [tab, setTab] = createSignal<Tab>('transactions');
  const transactions = createPaged((cursor) => api.transactions(cursor), wallet.snapshot?.transactions ?? null);
  const topups = createPaged((cursor) => api.topups(cursor), wallet.snapshot?.topups ?? null);
  let topupsLoaded = false;

  const show = (next: Tab) => {
    setTab(next);
    if (next === 'topups' && !topupsLoaded) {
      topupsLoaded = true;
      void topups.refresh().then(async (page) => {
        const db = currentDb();
        if (page && db) await updateSnapshot(db, (s) => ({ ...s, topups: page }));
      });
    }
  };

  onMount(() => void transactions.refresh());

  const tabButton = (id: Tab, text: () => string) => (
    <button type="button" aria-pressed={String(tab() === id) as 'true' | 'false'} class={tab() === id ? 'btn-primary grow' : 'btn-secondary grow'} onClick={() => show(id)}>
      {text()}
    </button>
  );

  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <PageTitle>{t('activity.title')}</PageTitle>
        <A href="/statements" class="btn-quiet">
          {t('activity.statements')}
        </A>
      </div>
      <div class="flex flex-wrap gap-2" role="group" aria-label={t('activity.show')}>
        {tabButton('transactions', () => t('activity.wallet'))}
        {tabButton('topups', () => t('activity.topups'))}
      </div>
      <section class="card">
        <Show
          when={tab() === 'transactions'}
          fallback={<PagedList paged={topups} label={t('activity.topups')} render={(item) => <TopupItem item={item} />} />}
        >
          <PagedList
            paged={transactions}
            label={t('activity.walletLabel')}
            render={(item) => <TransactionItem item={item} />}
            pending={<For each={wallet.view?.pendingMoney.slice().reverse() ?? []}>{(item) => <PendingItem item={item} />}</For>}
          />
        </Show>
      </section>
    </div>
  );
}
