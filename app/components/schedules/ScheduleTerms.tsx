import { Show } from 'solid-js';
import type { Every } from '../../../worker/domain/schedule';
import { usage } from '../../../worker/domain/money';
import type { ViewBeneficiary, ViewSchedule } from '../../offline/model';
import { schedulePlan, scheduleWarning } from '../../lib/schedule-terms';
import { formatAed } from '../../lib/format';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';
import { scheduleDate } from './ScheduleStatus';

const LINE = 'flex flex-wrap justify-between gap-x-3';
const VALUE = 'ms-auto text-end tabular-nums';

/**
 * Cost and runs, checked against the balance and this month's limits before saving: a warning (it describes
 * the save button, `id`), not a refusal, as the person may add funds or verify first (ADR 111).
 */
export function ScheduleTerms(props: { id: string; beneficiary: ViewBeneficiary; schedule: ViewSchedule | null; amount: number; every: Every }) {
  const fee = () => wallet.view?.fee ?? 0;
  const total = () => props.amount + fee();
  const paused = () => props.schedule?.status === 'paused';
  const plan = () => schedulePlan(props.schedule, props.every, new Date(), wallet.online);
  const which = () => (props.schedule ? t('schedules.theNext') : t('schedules.theFirst'));
  const warning = () => {
    const view = wallet.view;
    if (!view || paused()) return null;
    const w = scheduleWarning({ amount: props.amount, fee: fee(), balance: view.balance, mine: usage(props.beneficiary.month_used, props.beneficiary.month_limit), total: view.total, runsThisMonth: plan().runsThisMonth });
    if (!w) return null;
    const name = props.beneficiary.nickname;
    const left = formatAed(w.left);
    if (w.kind === 'mine') return t('schedules.warnMine', { name, left, which: which() });
    if (w.kind === 'total') return t('schedules.warnTotal', { left, which: which() });
    if (w.kind === 'balance') return t('schedules.warnBalance', { balance: left, total: formatAed(total()), which: which() });
    return t('schedules.warnLater', { name, left });
  };
  const firstText = () => {
    const { first } = plan();
    if (paused()) return t('schedules.whenResumed');
    if (!first) return t('schedules.nextAfterSync');
    if (first.getTime() - Date.now() >= 60_000) return scheduleDate(first.toISOString());
    return props.schedule ? t('schedules.dueNow') : t('schedules.firstNow');
  };
  return (
    <div class="space-y-3">
      <dl class="space-y-1 rounded-xl bg-slate-50 p-3 text-sm ring-1 ring-slate-200 dark:bg-slate-950 dark:ring-slate-700">
        <div class={LINE}>
          <dt class="muted">{t('schedules.each')}</dt>
          <dd class={VALUE}>{formatAed(props.amount)}</dd>
        </div>
        <div class={LINE}>
          <dt class="muted">{t('topup.fee')}</dt>
          <dd class={VALUE}>{formatAed(fee())}</dd>
        </div>
        <div class={`${LINE} font-bold`}>
          <dt>{t('schedules.totalEach')}</dt>
          <dd class={VALUE}>{formatAed(total())}</dd>
        </div>
        <div class={LINE}>
          <dt class="muted">{props.schedule ? t('schedules.nextRun') : t('schedules.firstRunLabel')}</dt>
          <dd class={VALUE}>{firstText()}</dd>
        </div>
        <Show when={!paused() && plan().then}>
          {(then) => (
            <div class={LINE}>
              <dt class="muted">{t('schedules.thenLabel')}</dt>
              <dd class={VALUE}>{t(props.every === 'week' ? 'schedules.thenWeek' : 'schedules.thenMonth', { when: scheduleDate(then().toISOString()) })}</dd>
            </div>
          )}
        </Show>
      </dl>
      <div id={props.id} aria-live="polite">
        <Show when={warning()}>
          {(text) => <p class="rounded-xl bg-amber-100 p-3 text-sm font-medium text-amber-950 dark:bg-amber-300 dark:text-amber-950">{text()}</p>}
        </Show>
      </div>
    </div>
  );
}
