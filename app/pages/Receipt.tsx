import { A, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { ApiTopup } from '../../worker/domain/contract';
import { PageTitle } from '../components/PageTitle';
import { formatAed, formatDateTime, formatPhone } from '../lib/format';
import { nicknameOf, wallet } from '../state/wallet';
import { ReceiptExtras, balanceAfterOf } from '../components/ScheduleReceiptExtras';
import { codeText } from '../lib/errors';
import { TopupStory } from '../components/TopupStory';
import { t } from '../i18n';

type Status = 'queued' | 'completed' | 'declined' | 'processing' | 'refused' | 'unknown';

const HEADLINE = {
  queued: 'receipt.queued',
  completed: 'receipt.completed',
  declined: 'receipt.declined',
  processing: 'receipt.processing',
  refused: 'receipt.refused',
  unknown: 'receipt.unknown',
} as const satisfies Record<Status, string>;

/** The outcome of one top-up, found by its Idempotency-Key; it updates live when a queued one lands. */
export default function Receipt() {
  const params = useParams<{ key: string }>();
  const queued = () => wallet.outbox.find((e) => e.key === params.key);
  const refused = () => wallet.attention.find((e) => e.key === params.key);
  const result = () => wallet.results.find((e) => e.key === params.key);
  const topup = () => (result()?.body as { topup?: ApiTopup } | null)?.topup ?? null;
  const intent = () => queued()?.intent ?? refused()?.intent ?? result()?.intent;
  const status = (): Status => {
    if (queued()) return 'queued';
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
  const time = () => topup()?.completed_at ?? topup()?.created_at ?? queued()?.createdAt ?? refused()?.at ?? null;

  return (
    <div class="space-y-4">
      <PageTitle>{t('receipt.title')}</PageTitle>
      <section class="card" aria-labelledby="outcome">
        <div role="status">
          <h2 id="outcome" class="text-xl font-bold">
            {t(HEADLINE[status()])}
          </h2>
          <Switch>
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
              <p class="mt-1 text-red-700 dark:text-red-300">{t('receipt.refusedBody', { reason: codeText(refused()?.code) })}</p>
            </Match>
          </Switch>
        </div>
        <Show when={status() !== 'unknown'}>
          <dl class="mt-4 grid grid-cols-[minmax(0,7.5rem)_1fr] gap-x-4 gap-y-1.5">
            <dt class="muted">{t('receipt.to')}</dt>
            <dd class="text-end">
              <bdi>{nicknameOf(beneficiaryId()) ?? '—'}</bdi>
            </dd>
            <dt class="muted">{t('receipt.number')}</dt>
            <dd class="text-end whitespace-nowrap tabular-nums">
              <span dir="ltr">{phone() ? formatPhone(phone()!) : '—'}</span>
            </dd>
            <dt class="muted">{t('receipt.amount')}</dt>
            <dd class="text-end tabular-nums">{formatAed(amount())}</dd>
            <dt class="muted">{t('receipt.fee')}</dt>
            <dd class="text-end tabular-nums">{formatAed(fee())}</dd>
            <dt class="font-bold">{t('receipt.total')}</dt>
            <dd class="text-end font-bold tabular-nums">{formatAed(amount() + fee())}</dd>
            <dt class="muted">{t('receipt.ref')}</dt>
            <dd class="text-end break-all">{topup()?.provider_ref ?? (status() === 'queued' ? t('receipt.notSent') : '—')}</dd>
            <dt class="muted">{t('receipt.time')}</dt>
            <dd class="text-end">{time() ? formatDateTime(time()!) : '—'}</dd>
            <dt class="muted">{t('schedules.balanceAfter')}</dt>
            <dd class="text-end tabular-nums">{balanceAfterOf(result()?.body) === null ? (status() === 'queued' ? t('schedules.balanceAfterQueued') : '—') : formatAed(balanceAfterOf(result()?.body)!)}</dd>
          </dl>
        </Show>
      </section>
      <Show when={topup()?.id}>{(id) => <TopupStory topupId={id()} />}</Show>
      <div class="flex flex-wrap gap-2">
        <A href="/" class="btn-primary">
          {t('receipt.home')}
        </A>
        <A href="/activity" class="btn-secondary">
          {t('receipt.activity')}
        </A>
      </div>
      <Show when={status() !== 'unknown'}>
        <ReceiptExtras
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
