import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { TopupRefusal } from '../../../worker/domain/money';
import { aedOptionLabel, formatAed } from '../../lib/format';
import { t } from '../../i18n';

export type AmountLimits = {
  name: string;
  fee: number;
  balance: number;
  /** What is left this month: for this beneficiary, and in total. */
  mine: number;
  total: number;
  verified: boolean;
  refusal: (amount: number) => TopupRefusal | null;
};

const SHORT = { INSUFFICIENT_BALANCE: 'topup.tileBalance', BENEFICIARY_MONTHLY_LIMIT: 'topup.tileLimit', MONTHLY_LIMIT: 'topup.tileMonthly' } as const;

/** The amount tiles: one that cannot go through is disabled with its reason, and the note says what to do (ADR 109). */
export function AmountChoice(props: { amounts: number[]; chosen: number | null; onChoose: (amount: number) => void; limits: AmountLimits | null }) {
  const refusalOf = (amount: number) => props.limits?.refusal(amount) ?? null;
  const refused = () => props.amounts.filter((a) => refusalOf(a));
  const largest = () => Math.max(...props.amounts);
  return (
    <fieldset class="card" aria-describedby={refused().length ? 'amount-why' : undefined}>
      <legend class="sr-only">{t('topup.amount')}</legend>
      <p aria-hidden="true" class="mb-3 text-lg font-bold">
        {t('topup.amount')}
      </p>
      <div class="grid grid-cols-[repeat(auto-fill,minmax(min(100%,7rem),1fr))] gap-3">
        <For each={props.amounts}>
          {(value) => (
            <label class="relative block">
              <input
                type="radio"
                name="amount"
                value={value}
                class="peer absolute inset-0 z-10 h-full w-full cursor-pointer appearance-none opacity-0"
                checked={props.chosen === value}
                disabled={!!refusalOf(value)}
                onChange={() => props.onChoose(value)}
              />
              <span class="flex min-h-14 flex-col items-center justify-center rounded-xl border-2 border-slate-300 bg-white px-2 py-1 text-center text-lg font-bold tabular-nums peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-checked:text-brand-900 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 peer-disabled:border-dashed peer-disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:peer-checked:border-brand-300 dark:peer-checked:bg-brand-950 dark:peer-checked:text-brand-100 dark:peer-focus-visible:outline-brand-300">
                <span class="whitespace-nowrap">{aedOptionLabel(value)}</span>
                <Show when={refusalOf(value)}>{(why) => <span class="text-xs">{t(SHORT[why()])}</span>}</Show>
              </span>
            </label>
          )}
        </For>
      </div>
      <Show when={props.limits && refused().length ? props.limits : null}>
        {(l) => (
          <div id="amount-why" class="hint mt-3 space-y-1">
            <Show when={refused().length === props.amounts.length}>
              <p class="font-semibold">{t('topup.noneNow', { name: l().name })}</p>
            </Show>
            <Show when={l().mine < largest()}>
              <p>
                {t('topup.mineNote', { name: l().name, amount: formatAed(l().mine) })}{' '}
                <Show when={!l().verified}>
                  <A href="/account" class="link">
                    {t('topup.verifyToRaise')}
                  </A>
                </Show>
              </p>
            </Show>
            <Show when={l().total < largest()}>
              <p>{t('topup.totalNote', { amount: formatAed(l().total) })}</p>
            </Show>
            <Show when={l().balance < largest() + l().fee}>
              <p>
                {t('topup.balanceNote', { amount: formatAed(l().balance), fee: formatAed(l().fee) })}{' '}
                <A href="/" class="link">
                  {t('topup.addFundsLink')}
                </A>
              </p>
            </Show>
          </div>
        )}
      </Show>
    </fieldset>
  );
}
