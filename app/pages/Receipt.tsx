import { A, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { ApiTopup } from '../../worker/domain/contract';
import { PageTitle } from '../components/PageTitle';
import { formatAed, formatDateTime, formatPhone } from '../lib/format';
import { nicknameOf, wallet } from '../state/wallet';
import { ReceiptExtras, balanceAfterOf } from '../components/ScheduleReceiptExtras';
import { t } from '../i18n';

type Status = 'queued' | 'completed' | 'declined' | 'processing' | 'refused' | 'unknown';

const HEADLINE: Record<Status, string> = {
  queued: 'Top-up queued',
  completed: 'Top-up completed',
  declined: 'Top-up declined and refunded',
  processing: 'Top-up processing',
  refused: 'Top-up not sent',
  unknown: 'Receipt not found',
};

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
      <PageTitle>Receipt</PageTitle>
      <section class="card" aria-labelledby="outcome">
        <div role="status">
          <h2 id="outcome" class="text-xl font-bold">
            {HEADLINE[status()]}
          </h2>
          <Switch>
            <Match when={status() === 'queued'}>
              <p class="mt-1">
                <span class="badge-pending">Pending</span> It will be sent as soon as you are online. Your wallet shows it as pending.
              </p>
            </Match>
            <Match when={status() === 'declined'}>
              <p class="mt-1">The network declined it. {formatAed(amount() + fee())} (amount and fee) went back to your wallet.</p>
            </Match>
            <Match when={status() === 'processing'}>
              <p class="mt-1">The network has not answered yet. If it fails, the full amount comes back to your wallet.</p>
            </Match>
            <Match when={status() === 'refused'}>
              <p class="mt-1 text-red-700 dark:text-red-300">{refused()?.message}. Nothing was debited.</p>
            </Match>
          </Switch>
        </div>
        <Show when={status() !== 'unknown'}>
          <dl class="mt-4 grid grid-cols-[minmax(0,7.5rem)_1fr] gap-x-4 gap-y-1.5">
            <dt class="muted">To</dt>
            <dd class="text-right">{nicknameOf(beneficiaryId()) ?? '—'}</dd>
            <dt class="muted">Number</dt>
            <dd class="text-right whitespace-nowrap tabular-nums">{phone() ? formatPhone(phone()!) : '—'}</dd>
            <dt class="muted">Amount</dt>
            <dd class="text-right tabular-nums">{formatAed(amount())}</dd>
            <dt class="muted">Fee</dt>
            <dd class="text-right tabular-nums">{formatAed(fee())}</dd>
            <dt class="font-bold">Total</dt>
            <dd class="text-right font-bold tabular-nums">{formatAed(amount() + fee())}</dd>
            <dt class="muted">Provider reference</dt>
            <dd class="text-right break-all">{topup()?.provider_ref ?? (status() === 'queued' ? 'Not sent yet' : '—')}</dd>
            <dt class="muted">Time</dt>
            <dd class="text-right">{time() ? formatDateTime(time()!) : '—'}</dd>
            <dt class="muted">{t('schedules.balanceAfter')}</dt>
            <dd class="text-right tabular-nums">{balanceAfterOf(result()?.body) === null ? (status() === 'queued' ? t('schedules.balanceAfterQueued') : '—') : formatAed(balanceAfterOf(result()?.body)!)}</dd>
          </dl>
        </Show>
      </section>
      <div class="flex flex-wrap gap-2">
        <A href="/" class="btn-primary">
          Back to home
        </A>
        <A href="/activity" class="btn-secondary">
          See activity
        </A>
      </div>
      <Show when={status() !== 'unknown'}>
        <ReceiptExtras
          headline={HEADLINE[status()]}
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
