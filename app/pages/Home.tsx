import { A } from '@solidjs/router';
import { createSignal, For, lazy, onCleanup, Show, Suspense } from 'solid-js';
import { PageTitle } from '../ui/PageTitle';
import { Money } from '../ui/Money';
import { UsageBar } from '../ui/UsageBar';
import { Attention } from '../components/shell/Attention';
import { BeneficiaryInfo } from '../components/beneficiaries/BeneficiaryInfo';
import { TopUpButton } from '../components/beneficiaries/TopUpButton';
import { Empty, PendingItem, TransactionItem } from '../components/money/ActivityItem';
import { wallet } from '../state/wallet';
import { ForById } from '../ui/ForById';
import { Later } from '../ui/Later';
import { screenShown } from '../first-paint/first-screen';
import { formatAed } from '../lib/format';
import { t } from '../i18n';

const RECENT = 5;
// Below the fold, and only until the person verifies: off Home's first render.
const VerifyCard = lazy(() => import('../components/account/VerifyCard').then((m) => ({ default: m.VerifyCard })));
// Loaded when the person taps "Add funds" (precached, so it works offline too).
const AddFundsDialog = lazy(() => import('../components/money/AddFundsDialog'));
const WithdrawDialog = lazy(() => import('../components/money/WithdrawDialog'));
const LastTopupCard = lazy(() => import('../components/money/TopUpAgain').then((m) => ({ default: m.LastTopupCard })));
const UpcomingAutoTopups = lazy(() => import('../components/schedules/UpcomingAutoTopups').then((m) => ({ default: m.UpcomingAutoTopups })));

const InboxBell = lazy(() => import('../components/shell/InboxBell').then((m) => ({ default: m.InboxBell })));

export default function Home() {
  const [adding, setAdding] = createSignal(false);
  const [withdrawing, setWithdrawing] = createSignal(false);
  const view = () => wallet.view;
  const firstName = () => wallet.snapshot?.user.name.split(/\s+/)[0] ?? '';
  const recent = () => wallet.snapshot?.transactions?.items.slice(0, RECENT) ?? [];
  // Home is there: the app takes the place of index.html's picture of it (main.tsx), and keeps
  // that picture up to date for the next open (first-paint/home-shot.ts, loaded after Home shows).
  let stopKeeping: (() => void) | undefined;
  onCleanup(() => stopKeeping?.());
  const shown = (home: HTMLDivElement) => {
    screenShown();
    queueMicrotask(() =>
      void import('../first-paint/home-shot').then((m) => {
        if (home.isConnected) stopKeeping = m.keepHomeShot(home);
      }),
    );
  };

  return (
    <Show when={view()}>
      {(v) => (
        <div class="space-y-4" ref={shown}>
          <PageTitle class="sr-only">{t('home.title')}</PageTitle>
          <Attention />
          <section aria-labelledby="balance-title" class="card bg-brand-700 text-white ring-0 dark:bg-brand-900">
            <div class="-mt-2 -me-2 flex min-h-10 items-center justify-between gap-2">
              <p class="text-sm font-medium text-brand-50">{t('home.hello', { name: firstName() })}</p>
              {/* Its own chunk, a moment after Home: the first screen's budget stays Home's (ADR 104). */}
              <Suspense>
                <InboxBell />
              </Suspense>
            </div>
            <h2 id="balance-title" class="mt-1 text-sm font-semibold tracking-wide text-brand-100 uppercase">
              {t('home.balance')}
            </h2>
            {/* Scales to fit: AED 100,000.00 on 320 px, at any text size. */}
            <p class="mt-1 text-[min(2.25rem,8.5vw)] leading-tight whitespace-nowrap font-extrabold tracking-tight">
              <Money fils={v().balance} pending={v().balancePending} />
            </p>
            <div class="mt-4 flex flex-wrap items-center gap-2">
              <button type="button" class="btn bg-white text-brand-900 hover:bg-brand-50" onClick={() => setAdding(true)}>
                {t('home.addFunds')}
              </button>
              <button type="button" class="btn border border-white/60 text-white hover:bg-white/10" onClick={() => setWithdrawing(true)}>
                {t('home.withdraw')}
              </button>
              {/* The deposit or withdrawal made here, confirmed where the person acted (components/money/MoneyNote.tsx). */}
              <p id="money-note" role="status" />
            </div>
            <div class="mt-5 border-t border-white/20 pt-4">
              <UsageBar label={t('home.usage')} used={v().total.used} limit={v().total.limit} pending={v().total.pending} inverse />
              <p class="mt-1.5 text-sm text-brand-50">
                {t('home.left', { amount: formatAed(v().total.remaining) })}
              </p>
            </div>
          </section>
          <Show when={adding()}>
            <Suspense>
              <AddFundsDialog onClose={() => setAdding(false)} />
            </Suspense>
          </Show>
          <Show when={withdrawing()}>
            <Suspense>
              <WithdrawDialog onClose={() => setWithdrawing(false)} />
            </Suspense>
          </Show>

          <section aria-labelledby="beneficiaries-title" class="card">
            <div class="flex flex-wrap items-center justify-between gap-2">
              <h2 id="beneficiaries-title" class="text-lg font-bold">
                {t('home.beneficiaries')}
              </h2>
              <A href="/beneficiaries" class="btn-quiet">
                {t('home.manage')}
              </A>
            </div>
            <Show when={v().beneficiaries.length} fallback={<Empty>{t('home.noBeneficiaries')}</Empty>}>
              <ul aria-labelledby="beneficiaries-title" class="divide-y divide-slate-200 dark:divide-slate-800">
                <ForById each={v().beneficiaries}>
                  {(b) => (
                    <li class="py-3">
                      <BeneficiaryInfo
                        beneficiary={b()}
                        action={
                          <Show when={b().active}>
                            <TopUpButton id={b().id} nickname={b().nickname} />
                          </Show>
                        }
                      />
                    </li>
                  )}
                </ForById>
              </ul>
            </Show>
            <Show when={!v().beneficiaries.length}>
              <A href="/beneficiaries#add" class="btn-primary mt-2 w-full sm:w-auto">
                {t('schedules.addBeneficiary')}
              </A>
            </Show>
          </section>

          {/* Below the list, each part a task after it (ui/Later.tsx) and loaded after it: the top of Home is up, and
              the picture replaced, before the rest is drawn; Home's first render (and its budget) stays the list's. */}
          <Later>
            <Suspense>
              <LastTopupCard />
              <UpcomingAutoTopups />
            </Suspense>
          </Later>

          <Later>
            <section aria-labelledby="recent-title" class="card">
              <div class="flex flex-wrap items-center justify-between gap-2">
                <h2 id="recent-title" class="text-lg font-bold">
                  {t('home.recent')}
                </h2>
                <A href="/activity" class="btn-quiet">
                  {t('home.seeAll')}
                </A>
              </div>
              <Show when={v().pendingMoney.length || recent().length} fallback={<Empty>{t('common.nothingYet')}</Empty>}>
                <ul class="divide-y divide-slate-200 dark:divide-slate-800">
                  <For each={v().pendingMoney.slice().reverse()}>{(item) => <PendingItem item={item} />}</For>
                  <For each={recent()}>{(item) => <TransactionItem item={item} />}</For>
                </ul>
              </Show>
            </section>
          </Later>

          <Later>
            <Show when={!v().verified}>
              <Suspense>
                <VerifyCard compact />
              </Suspense>
            </Show>
          </Later>
        </div>
      )}
    </Show>
  );
}
