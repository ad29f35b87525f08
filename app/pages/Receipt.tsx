import { A, useLocation, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { ApiTopup } from '../../worker/contract/types';
import { PageTitle } from '../ui/PageTitle';
import { formatAed, formatDateTime, formatPhone } from '../lib/format';
import { nicknameOf, wallet } from '../state/wallet';
import { ReceiptExtras } from '../components/money/ReceiptExtras';
import { codeText } from '../lib/errors';
import { TopupStory } from '../components/money/TopupStory';
import { t } from '../i18n';

type Status = 'sending' | 'queued' | 'completed' | 'declined' | 'processing' | 'refused' | 'unknown';

const HEADLINE = {
  sending: 'receipt.sending',
  queued: 'receipt.queued',
  completed: 'receipt.completed',
  declined: 'receipt.declined',
  processing: 'receipt.processing',
  refused: 'receipt.refused',
  unknown: 'receipt.unknown',
} as const satisfies Record<Status, string>;

// The colours the lists already use for the same outcomes (one stylesheet, one budget).
const TONE = {
  sending: 'muted',
  queued: 'muted',
  completed: 'text-emerald-700 dark:text-emerald-300',
  declined: 'text-red-700 dark:text-red-300',
  processing: 'text-amber-800 dark:text-amber-300',
  refused: 'text-red-700 dark:text-red-300',
  unknown: 'muted',
} as const satisfies Record<Status, string>;

// 24px outlines: a tick (done), a cross (not done), a clock (waiting), arrows (sending).
const ICON = {
  sending: 'M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4',
  queued: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  completed: 'M5 12.5l4.5 4.5L19 7.5',
  declined: 'M6 6l12 12M18 6L6 18',
  processing: 'M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  refused: 'M6 6l12 12M18 6L6 18',
  unknown: 'M12 8v5M12 16h.01',
} as const satisfies Record<Status, string>;

/** Done and not done differ in shape and colour, not colour alone. */
function OutcomeIcon(props: { status: Status }) {
  return (
    <span aria-hidden="true" data-status={props.status} class={`flex h-10 w-10 shrink-0 items-center justify-center rounded-full border-2 ${TONE[props.status]}`}>
      <svg viewBox="0 0 24 24" class="h-6 w-6" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round">
        <path d={ICON[props.status]} />
      </svg>
    </span>
  );
}

/** The outcome of one top-up, found by its Idempotency-Key; it updates live when a queued one lands. */
export default function Receipt() {
  const params = useParams<{ key: string }>();
  const queued = () => wallet.outbox.find((e) => e.key === params.key);
  const refused = () => wallet.attention.find((e) => e.key === params.key);
  const result = () => wallet.results.find((e) => e.key === params.key);
  // The device's own answer for this key, else the top-up an Activity row opened this receipt with (by id).
  const location = useLocation<{ topup?: ApiTopup } | undefined>();
  const listed = () => {
    const state = location.state;
    return state?.topup && state.topup.id === params.key ? state.topup : null;
  };
  const topup = () => result()?.body?.topup ?? listed();
  const intent = () => queued()?.intent ?? refused()?.intent ?? result()?.intent;
  const status = (): Status => {
    // In the outbox and online: on its way, the answer is seconds away. "Queued" only when it cannot be sent now.
    if (queued()) return wallet.online && !wallet.sessionExpired ? 'sending' : 'queued';
    if (refused()) return 'refused';
    const t = topup();
    if (!t) return 'unknown';
    return t.status === 'completed' ? 'completed' : t.status === 'failed' ? 'declined' : 'processing';
  };
  const amount = () => {
    const i = intent();
    return topup()?.amount ?? (i?.type === 'topup' ? i.amount : 0);
  };
  const fee = () => topup()?.fee ?? wallet.view?.fee ?? 0;
  const beneficiaryId = () => {
    const i = intent();
    return topup()?.beneficiary_id ?? (i?.type === 'topup' ? i.beneficiaryId : '');
  };
  const phone = () => topup()?.phone ?? wallet.view?.beneficiaries.find((b) => b.id === beneficiaryId())?.phone ?? null;
  // The balance after all of it, refund included: the contract gives the figure in the top-up's answer
  // (`201 {topup, balance}`); the ledger's items carry no top-up id to derive it by.
  const balanceAfter = () => result()?.body?.balance ?? null;
  const time = () => topup()?.completed_at ?? topup()?.created_at ?? queued()?.createdAt ?? refused()?.at ?? null;

  return (
    <div class="space-y-4">
      <PageTitle>{t('receipt.title')}</PageTitle>
      <section class="card" aria-labelledby="outcome" aria-busy={status() === 'sending'}>
        <div role="status" class="flex items-start gap-3">
          <OutcomeIcon status={status()} />
          <div class="min-w-0">
            <h2 id="outcome" class={`text-xl font-bold ${status() === 'sending' || status() === 'queued' ? '' : TONE[status()]}`}>
              {t(HEADLINE[status()])}
            </h2>
            <Switch>
              <Match when={status() === 'sending'}>
                <p class="mt-1">{t('receipt.sendingBody')}</p>
                <progress class="mt-2 block w-full" aria-label={t('receipt.sending')} />
              </Match>
              <Match when={status() === 'completed'}>
                <p class="mt-1">{t('receipt.completedBody', { total: formatAed(amount() + fee()) })}</p>
              </Match>
              <Match when={status() === 'queued'}>
                <p class="mt-1">
                  <span class="badge-pending">{t('common.pending')}</span> {t('receipt.queuedBody')}
                </p>
              </Match>
              <Match when={status() === 'declined'}>
                <p class="mt-1">{t('receipt.declinedBody', { amount: formatAed(amount() + fee()) })}</p>
              </Match>
              <Match when={status() === 'processing'}>
                <p class="mt-1">{t('receipt.processingBody')}</p>
              </Match>
              <Match when={status() === 'refused'}>
                <p class="mt-1">{t('receipt.refusedBody', { reason: codeText(refused()?.code) })}</p>
              </Match>
            </Switch>
          </div>
        </div>
        <Show when={status() !== 'unknown'}>
          <dl class="mt-4 space-y-1.5">
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('receipt.to')}</dt>
              <dd class="ms-auto text-end">
                <bdi>{nicknameOf(beneficiaryId()) ?? '—'}</bdi>
              </dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('receipt.number')}</dt>
              <dd class="ms-auto text-end tabular-nums">
                <span dir="ltr">{phone() ? formatPhone(phone()!) : '—'}</span>
              </dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('receipt.amount')}</dt>
              <dd class="ms-auto text-end tabular-nums">{formatAed(amount())}</dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('receipt.fee')}</dt>
              <dd class="ms-auto text-end tabular-nums">{formatAed(fee())}</dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="font-bold">{t('receipt.total')}</dt>
              <dd class="ms-auto text-end font-bold tabular-nums">{formatAed(amount() + fee())}</dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('receipt.ref')}</dt>
              <dd class="ms-auto text-end [overflow-wrap:anywhere]">{topup()?.provider_ref ?? (status() === 'queued' ? t('receipt.notSent') : '—')}</dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('receipt.time')}</dt>
              <dd class="ms-auto text-end">{time() ? formatDateTime(time()!) : '—'}</dd>
            </div>
            <div class="flex flex-wrap justify-between gap-x-4">
              <dt class="muted">{t('schedules.balanceAfter')}</dt>
              <dd class="ms-auto text-end tabular-nums">{balanceAfter() === null ? (status() === 'queued' ? t('schedules.balanceAfterQueued') : '—') : formatAed(balanceAfter()!)}</dd>
            </div>
          </dl>
        </Show>
      </section>
      <Show when={topup()?.id}>{(id) => <TopupStory topupId={id()} />}</Show>
      {/* While it is on its way, nothing else is offered: the answer comes in seconds. */}
      <Show when={status() !== 'sending'}>
        <div class="flex flex-wrap gap-2">
          <A href="/" class="btn-primary">
            {t('receipt.home')}
          </A>
          <A href="/activity" class="btn-secondary">
            {t('receipt.activity')}
          </A>
        </div>
      </Show>
      <Show when={status() !== 'unknown' && status() !== 'sending'}>
        <ReceiptExtras
          sent={status() === 'completed' || status() === 'declined' || status() === 'processing'}
          final={status() === 'completed' || status() === 'declined' || status() === 'refused'}
          headline={t(HEADLINE[status()])}
          name={nicknameOf(beneficiaryId()) ?? '—'}
          beneficiaryId={beneficiaryId()}
          phone={phone() ? formatPhone(phone()!) : '—'}
          amount={amount()}
          fee={fee()}
          time={time() ? formatDateTime(time()!) : '—'}
          reference={topup()?.provider_ref ?? '—'}
        />
      </Show>
    </div>
  );
}
