import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createSignal, onMount, Show } from 'solid-js';
import { PageTitle } from '../ui/PageTitle';
import { Money } from '../ui/Money';
import { AmountChoice, type AmountLimits } from '../components/money/AmountChoice';
import { TOPUP_AMOUNTS, topupRefusal, usage } from '../../worker/domain/money';
import { formatAed, formatPhone, operatorName } from '../lib/format';
import { refreshOptions } from '../offline/writes';
import { actions } from '../state/actions';
import { currentDb, loadFromDb, wallet } from '../state/wallet';
import { codeText } from '../lib/errors';
import { t } from '../i18n';

export default function TopUp() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const beneficiary = () => wallet.view?.beneficiaries.find((b) => b.id === params.id);
  const amounts = () => wallet.snapshot?.options?.amounts ?? [...TOPUP_AMOUNTS];
  // "Top up again" arrives with `?amount=`: the confirm step, that amount already chosen.
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

  const limits = (): AmountLimits | null => {
    const b = beneficiary();
    const view = wallet.view;
    if (!b || !view) return null;
    const mine = usage(b.month_used, b.month_limit);
    return {
      name: b.nickname,
      fee: fee(),
      balance: view.balance,
      mine: mine.remaining,
      total: view.total.remaining,
      verified: view.verified,
      refusal: (a) => topupRefusal({ amount: a, fee: fee(), balance: view.balance, beneficiary: mine, total: view.total }),
    };
  };

  const preview = () => {
    const b = beneficiary();
    const view = wallet.view;
    const chosen = amount();
    if (!b || !view || chosen === null) return null;
    const mine = usage(b.month_used, b.month_limit);
    const refusal = topupRefusal({ amount: chosen, fee: fee(), balance: view.balance, beneficiary: mine, total: view.total });
    return {
      total: chosen + fee(),
      // What is left after it, when it can go through; what is left now when it cannot (never below zero).
      balanceAfter: refusal ? view.balance : view.balance - chosen - fee(),
      mineAfter: refusal ? mine.remaining : mine.remaining - chosen,
      totalAfter: refusal ? view.total.remaining : view.total.remaining - chosen,
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
    const key = await actions.topUp(b.id, chosen);
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
          <AmountChoice amounts={amounts()} chosen={amount()} onChoose={setAmount} limits={limits()} />
          <Show when={preview()}>
            {(p) => (
              <section aria-labelledby="summary-title" class="card">
                <h2 id="summary-title" class="mb-2 text-lg font-bold">
                  {t('topup.summary')}
                </h2>
                <dl class="space-y-1.5">
                  <div class="flex flex-wrap justify-between gap-x-4">
                    <dt class="muted">{t('topup.line')}</dt>
                    <dd class="ms-auto text-end tabular-nums">{formatAed(amount()!)}</dd>
                  </div>
                  <div class="flex flex-wrap justify-between gap-x-4">
                    <dt class="muted">{t('topup.fee')}</dt>
                    <dd class="ms-auto text-end tabular-nums">{formatAed(fee())}</dd>
                  </div>
                  <div class="flex flex-wrap justify-between gap-x-4">
                    <dt class="font-bold">{t('topup.total')}</dt>
                    <dd class="ms-auto text-end font-bold tabular-nums">{formatAed(p().total)}</dd>
                  </div>
                  <div class="flex flex-wrap justify-between gap-x-4">
                    <dt class="muted">{t('topup.balanceAfter')}</dt>
                    <dd class="ms-auto text-end tabular-nums">
                      <Money fils={p().balanceAfter} pending={wallet.view?.balancePending} />
                    </dd>
                  </div>
                  <div class="flex flex-wrap justify-between gap-x-4">
                    <dt class="muted">{t('topup.limitLeft', { name: b().nickname })}</dt>
                    <dd class="ms-auto text-end tabular-nums">{formatAed(Math.max(0, p().mineAfter))}</dd>
                  </div>
                  <div class="flex flex-wrap justify-between gap-x-4">
                    <dt class="muted">{t('topup.monthlyLeft')}</dt>
                    <dd class="ms-auto text-end tabular-nums">{formatAed(Math.max(0, p().totalAfter))}</dd>
                  </div>
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
          {/* Always in sight, above the bottom navigation (its height: Nav's min-h-14, its border, the safe area). */}
          <div class="sticky bottom-[calc(3.5rem+1px+env(safe-area-inset-bottom))] z-[5] bg-slate-50 py-2 dark:bg-slate-950">
            <button type="submit" class="btn-primary w-full flex-wrap py-2" disabled={busy() || amount() === null || !!preview()?.refusal || !b().active}>
              {t('topup.confirm')}
              <Show when={preview()}>{(p) => <span class="tabular-nums"> · {formatAed(p().total)}</span>}</Show>
            </button>
          </div>
          {/* A way back in the installed app too (no browser bar there): where the person came from, else Home. */}
          <button type="button" class="btn-quiet w-full" onClick={() => (history.length > 1 ? navigate(-1) : navigate('/'))}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </Show>
  );
}
