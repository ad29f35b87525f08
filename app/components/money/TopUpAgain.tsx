import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { topupRefusal, usage } from '../../../worker/domain/money';
import { aedOptionLabel } from '../../lib/format';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';

/** "Top up again": straight to the confirm step with the same beneficiary and amount (TopUp reads `?amount=`). */
export function TopUpAgain(props: { beneficiaryId: string; amount: number; name: string; class?: string }) {
  return (
    <A href={`/topup/${encodeURIComponent(props.beneficiaryId)}?amount=${props.amount}`} class={props.class ?? 'btn-secondary'}>
      {t('schedules.again')}
      <span class="sr-only">
        {' '}
        (<bdi>{props.name}</bdi>
        {t('common.comma')}
        {aedOptionLabel(props.amount)})
      </span>
    </A>
  );
}

/**
 * The latest top-up that went through or is on its way (a queued one first); none when a later attempt
 * (an auto top-up run too) was refused or failed: Home does not offer to repeat what was just refused.
 */
export function lastTopup(): { beneficiaryId: string; amount: number } | null {
  const view = wallet.view;
  const queued = view?.pendingMoney.filter((m) => m.kind === 'topup').at(-1);
  if (queued?.beneficiaryId) return { beneficiaryId: queued.beneficiaryId, amount: queued.amount };
  const made = wallet.snapshot?.transactions?.items.find((tx) => tx.kind === 'topup' && tx.beneficiary_id);
  if (!made?.beneficiary_id || made.status === 'failed') return null;
  const notDoneSince = view?.schedules.some((s) => s.last_run && s.last_run.result !== 'completed' && s.last_run.result !== 'pending' && s.last_run.at > made.created_at);
  // The ledger's amount is signed from the wallet's side: a top-up of 2000 is -2000 (the fee apart).
  return notDoneSince ? null : { beneficiaryId: made.beneficiary_id, amount: -made.amount };
}

/** Home: "Your last top-up: Mum AED 20 [Top up again]", while that beneficiary can still be topped up with that amount. */
export function LastTopupCard() {
  const last = () => {
    const l = lastTopup();
    const view = wallet.view;
    const b = l && view?.beneficiaries.find((x) => x.id === l.beneficiaryId && x.active);
    if (!l || !b || !view) return null;
    const refused = topupRefusal({ amount: l.amount, fee: view.fee, balance: view.balance, beneficiary: usage(b.month_used, b.month_limit), total: view.total });
    return refused ? null : { ...l, name: b.nickname };
  };
  return (
    <Show when={last()}>
      {(l) => (
        <section aria-labelledby="last-topup-title" class="card flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="last-topup-title" class="text-sm font-semibold tracking-wide uppercase muted">
              {t('schedules.lastTopup')}
            </h2>
            <p class="font-bold">
              <bdi>{l().name}</bdi> · <span class="tabular-nums">{aedOptionLabel(l().amount)}</span>
            </p>
          </div>
          <TopUpAgain beneficiaryId={l().beneficiaryId} amount={l().amount} name={l().name} class="btn-primary" />
        </section>
      )}
    </Show>
  );
}
