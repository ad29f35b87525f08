import { Show, type JSX } from 'solid-js';
import type { ViewBeneficiary } from '../../offline/model';
import { formatPhone, operatorName } from '../../lib/format';
import { UsageBar } from '../../ui/UsageBar';
import { t } from '../../i18n';

/** A beneficiary's name, with "pending" and "inactive" beside it when they apply. */
export function BeneficiaryTitle(props: { beneficiary: ViewBeneficiary }) {
  return (
    <div class="flex flex-wrap items-center gap-x-2 gap-y-1">
      <h3 class="text-base font-bold [overflow-wrap:anywhere]" dir="auto">{props.beneficiary.nickname}</h3>
      <Show when={props.beneficiary.pending}>
        <span class="badge-pending">{t('common.pending')}</span>
      </Show>
      <Show when={!props.beneficiary.active}>
        <span class="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">{t('ben.inactive')}</span>
      </Show>
    </div>
  );
}

/** Who a beneficiary is and how much of their monthly limit is used. */
export function BeneficiaryInfo(props: { beneficiary: ViewBeneficiary; action?: JSX.Element }) {
  const b = () => props.beneficiary;
  return (
    <div class="min-w-0 flex-1">
      <div class="flex flex-wrap items-start gap-3">
        <div class="min-w-0 flex-[1_1_8rem]">
          <BeneficiaryTitle beneficiary={b()} />
          <p class="muted text-sm">
            <span class="tabular-nums" dir="ltr">{formatPhone(b().phone)}</span> · {operatorName(b().operator)}
          </p>
        </div>
        {props.action}
      </div>
      <div class="mt-2">
        <UsageBar label={t('ben.nameThisMonth', { name: b().nickname })} shortLabel={t('ben.thisMonth')} used={b().month_used} limit={b().month_limit} pending={b().pending && b().month_used > 0} />
      </div>
    </div>
  );
}
