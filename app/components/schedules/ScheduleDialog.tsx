import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show, untrack } from 'solid-js';
import type { Every } from '../../../worker/domain/schedule';
import { TOPUP_AMOUNTS } from '../../../worker/domain/money';
import type { ViewBeneficiary, ViewSchedule } from '../../offline/model';
import { aedOptionLabel } from '../../lib/format';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { submitOnce } from '../../lib/input';
import { ScheduleTerms } from './ScheduleTerms';

const OPTION =
  'flex min-h-12 cursor-pointer items-center justify-center rounded-xl border-2 border-slate-300 bg-white px-2 font-bold tabular-nums peer-checked:border-brand-700 peer-checked:bg-brand-50 peer-checked:text-brand-900 peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 dark:border-slate-600 dark:bg-slate-900 dark:peer-checked:border-brand-300 dark:peer-checked:bg-brand-950 dark:peer-checked:text-brand-100 dark:peer-focus-visible:outline-brand-300';

/** One choice of a radio group, drawn as a large tile (the native radio stays underneath for keyboard and screen readers). */
function Choice<T extends string | number>(props: { name: string; value: T; label: string; checked: boolean; onPick: (value: T) => void }) {
  return (
    <label class="relative block">
      <input
        type="radio"
        name={props.name}
        value={String(props.value)}
        class="peer absolute inset-0 z-10 h-full w-full cursor-pointer appearance-none opacity-0"
        checked={props.checked}
        onChange={() => props.onPick(props.value)}
      />
      <span class={OPTION}>{props.label}</span>
    </label>
  );
}

/** Sets up (no `schedule`) or changes an auto top-up: one of the contract's amounts, every week or month. */
export function ScheduleDialog(props: { beneficiary: ViewBeneficiary | null; schedule: ViewSchedule | null; onClose: () => void; onSaved: (name: string) => void }) {
  const group = createUniqueId();
  const amounts = () => wallet.snapshot?.options?.amounts ?? [...TOPUP_AMOUNTS];
  const [amount, setAmount] = createSignal(2000);
  const [every, setEvery] = createSignal<Every>('month');
  // Start from the schedule's terms (or a common choice) each time the dialog opens: a memo, so a
  // new copy of the same beneficiary (a sync while the dialog is open) does not undo the choice.
  const openFor = createMemo(() => props.beneficiary?.id);
  createEffect(
    on(
      openFor,
      () => {
        const s = untrack(() => props.schedule);
        setAmount(s?.amount ?? untrack(amounts).find((a) => a === 2000) ?? untrack(amounts)[0] ?? 2000);
        setEvery(s?.every ?? 'month');
      },
    ),
  );

  const submit = submitOnce(async () => {
    const b = props.beneficiary;
    if (!b) return;
    const s = props.schedule;
    if (!s) await actions.addSchedule({ beneficiaryId: b.id, amount: amount(), every: every() });
    else if (s.amount !== amount() || s.every !== every()) {
      await actions.changeSchedule({
        id: s.id,
        beneficiaryId: b.id,
        ...(s.amount !== amount() ? { amount: amount() } : {}),
        ...(s.every !== every() ? { every: every() } : {}),
      });
    }
    props.onClose();
    props.onSaved(b.nickname);
  });

  const title = () => {
    const name = props.beneficiary?.nickname ?? '';
    return props.schedule ? t('schedules.changeFor', { name }) : t('schedules.setUpFor', { name });
  };

  return (
    <Dialog open={!!props.beneficiary} onClose={props.onClose} title={title()}>
      <form onSubmit={submit} noValidate class="space-y-4">
        <fieldset>
          <legend class="label mb-2">{t('schedules.amount')}</legend>
          <div class="grid grid-cols-3 gap-2">
            <For each={amounts()}>
              {(value) => <Choice name={`${group}-amount`} value={value} label={aedOptionLabel(value)} checked={amount() === value} onPick={setAmount} />}
            </For>
          </div>
        </fieldset>
        <fieldset>
          <legend class="label mb-2">{t('schedules.every')}</legend>
          <div class="grid grid-cols-2 gap-2">
            <Choice name={`${group}-every`} value="week" label={t('schedules.everyWeek')} checked={every() === 'week'} onPick={setEvery} />
            <Choice name={`${group}-every`} value="month" label={t('schedules.everyMonth')} checked={every() === 'month'} onPick={setEvery} />
          </div>
        </fieldset>
        <Show when={props.beneficiary}>
          {(b) => <ScheduleTerms id={`${group}-terms`} beneficiary={b()} schedule={props.schedule} amount={amount()} every={every()} />}
        </Show>
        <div class="flex flex-wrap justify-end gap-2">
          <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn-primary" aria-describedby={`${group}-terms`}>
            {t('schedules.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
