import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { aedOptionLabel } from '../lib/format';
import { wallet } from '../state/wallet';
import { t } from '../i18n';

/** "Top up again": straight to the confirm step with the same beneficiary and amount (TopUp reads `?amount=`). */
export function TopUpAgain(props: { beneficiaryId: string; amount: number; name: string; class?: string }) {
  return (
    <A href={`/topup/${encodeURIComponent(props.beneficiaryId)}?amount=${props.amount}`} class={props.class ?? 'btn-secondary'}>
      {t('schedules.again')}
      <span class="sr-only">
        {' '}
        (<bdi>{props.name}</bdi>, {aedOptionLabel(props.amount)})
      </span>
    </A>
  );
}

/** The person's latest top-up: a queued one first, else the newest in the last known activity. */
export function lastTopup(): { beneficiaryId: string; amount: number } | null {
  const view = wallet.view;
  const queued = view?.pendingMoney.filter((m) => m.kind === 'topup').at(-1);
  if (queued?.beneficiaryId) return { beneficiaryId: queued.beneficiaryId, amount: queued.amount };
  // The ledger's amount is signed from the wallet's side: a top-up of 2000 is -2000 (the fee apart).
  const made = wallet.snapshot?.transactions?.items.find((tx) => tx.kind === 'topup' && tx.beneficiary_id);
  return made?.beneficiary_id ? { beneficiaryId: made.beneficiary_id, amount: -made.amount } : null;
}

/** Home: "Your last top-up: Mum AED 20 [Top up again]", while that beneficiary can still be topped up. */
export function LastTopupCard() {
  const last = () => {
    const l = lastTopup();
    const b = l && wallet.view?.beneficiaries.find((x) => x.id === l.beneficiaryId && x.active);
    return l && b ? { ...l, name: b.nickname } : null;
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
