import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createSignal, For, onMount, Show } from 'solid-js';
import { PageTitle } from '../components/PageTitle';
import { Money } from '../components/Money';
import { TOPUP_AMOUNTS } from '../../worker/domain/money';
import { formatAed, aedOptionLabel, formatPhone, operatorName } from '../lib/format';
import { topupRefusal, usage } from '../../worker/domain/limits';
import { refreshOptions } from '../offline/cache';
import { topUp } from '../state/commands';
import { currentDb, loadFromDb, wallet } from '../state/wallet';
import { codeText } from '../lib/errors';
import { t } from '../i18n';

export default function TopUp() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const beneficiary = () => wallet.view?.beneficiaries.find((b) => b.id === params.id);
  const amounts = () => wallet.snapshot?.options?.amounts ?? [...TOPUP_AMOUNTS];
  // "Top up again" (issue 12) arrives with `?amount=`: the confirm step, that amount already chosen.
  const [search] = useSearchParams<{ amount?: string }>();
  const [amount, setAmount] = createSignal<number | null>(amounts().find((a) => String(a) === search.amount) ?? null);
  const fee = () => wallet.view?.fee ?? 0;

  onMount(() => {
    // The options are configuration: refresh them when they matter, without waiting.
    const db = currentDb();
    if (db && wallet.online) void refreshOptions(db).then(async (outcome) => {
        if (outcome === 'ok') await loadFromDb();
      });
  });

  const preview = () => {
    const b = beneficiary();
    const view = wallet.view;
    const chosen = amount();
    if (!b || !view || chosen === null) return null;
    const mine = usage(b.month_used, b.month_limit);
    const refusal = topupRefusal({ amount: chosen, fee: fee(), balance: view.balance, beneficiary: mine, total: view.total });
    return {
      total: chosen + fee(),
      balanceAfter: view.balance - chosen - fee(),
      mineAfter: mine.remaining - chosen,
      totalAfter: view.total.remaining - chosen,
      refusal,
    };
  };

  const confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    const b = beneficiary();
    const chosen = amount();
    const p = preview();
    if (!b || chosen === null || !p || p.refusal) return;
    setBusy(true);
    const key = await topUp(b.id, chosen);
    navigate(`/receipt/${key}`);
  };

  return (
    <Show
      when={beneficiary()}
      fallback={
        <div class="space-y-3">
          <PageTitle>{t('topup.title')}</PageTitle>
          <p>{t('topup.gone')}</p>
          <A href="/beneficiaries" class="link">
            {t('topup.back')}
          </A>
        </div>
      }
    >
      {(b) => (
        <form class="space-y-4" onSubmit={confirm} noValidate>
          <div>
            <PageTitle>{t('topup.titleFor', { name: b().nickname })}</PageTitle>
            <p class="muted">
              <span class="tabular-nums" dir="ltr">{formatPhone(b().phone)}</span> · {operatorName(b().operator)}
            </p>
          </div>
          <Show when={!b().active}>
            <p role="alert" class="card">
              {t('topup.inactiveBefore', { name: b().nickname })}
              <A href="/beneficiaries" class="link">
                {t('topup.inactiveLink')}
              </A>
              {t('topup.inactiveAfter')}
            </p>
          </Show>
          <fieldset class="card">
            <legend class="sr-only">{t('topup.amount')}</legend>
            <p aria-hidden="true" class="mb-3 text-lg font-bold">
              {t('topup.amount')}
            </p>
            <div class="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <For each={amounts()}>
                {(value) => (
                  <label class="relative block">
                    <input
                      type="radio"
                      name="amount"
                      value={value}
                      class="peer absolute inset-0 z-10 h-full w-full cursor-pointer appearance-none opacity-0"
                      checked={amount() === value}
                      onChange={() => setAmount(value)}
                    />
                    <span class="flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-2 border-slate-300 bg-white text-lg font-bold tabular-nums peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-checked:text-brand-900 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 dark:border-slate-600 dark:bg-slate-900 dark:peer-checked:border-brand-300 dark:peer-checked:bg-brand-950 dark:peer-checked:text-brand-100 dark:peer-focus-visible:outline-brand-300">
                      {aedOptionLabel(value)}
                    </span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
          <Show when={preview()}>
            {(p) => (
              <section aria-labelledby="summary-title" class="card">
                <h2 id="summary-title" class="mb-2 text-lg font-bold">
                  {t('topup.summary')}
                </h2>
                <dl class="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5">
                  <dt class="muted">{t('topup.line')}</dt>
                  <dd class="text-end tabular-nums">{formatAed(amount()!)}</dd>
                  <dt class="muted">{t('topup.fee')}</dt>
                  <dd class="text-end tabular-nums">{formatAed(fee())}</dd>
                  <dt class="font-bold">{t('topup.total')}</dt>
                  <dd class="text-end font-bold tabular-nums">{formatAed(p().total)}</dd>
                  <dt class="muted">{t('topup.balanceAfter')}</dt>
                  <dd class="text-end tabular-nums">
                    <Money fils={p().balanceAfter} pending={wallet.view?.balancePending} />
                  </dd>
                  <dt class="muted">{t('topup.limitLeft', { name: b().nickname })}</dt>
                  <dd class="text-end tabular-nums">{formatAed(Math.max(0, p().mineAfter))}</dd>
                  <dt class="muted">{t('topup.monthlyLeft')}</dt>
                  <dd class="text-end tabular-nums">{formatAed(Math.max(0, p().totalAfter))}</dd>
                </dl>
                <Show when={p().refusal}>
                  <p role="alert" class="error-text mt-3">
                    {codeText(p().refusal)}.{' '}
                    {p().refusal === 'INSUFFICIENT_BALANCE' ? t('topup.addFundsFirst') : t('topup.smaller')}
                  </p>
                </Show>
                <Show when={!wallet.online}>
                  <p class="muted mt-3 text-sm">{t('topup.offline')}</p>
                </Show>
              </section>
            )}
          </Show>
          <button type="submit" class="btn-primary w-full" disabled={busy() || amount() === null || !!preview()?.refusal || !b().active}>
            {t('topup.confirm')}
          </button>
        </form>
      )}
    </Show>
  );
}
