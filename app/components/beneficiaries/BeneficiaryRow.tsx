import { Show } from 'solid-js';
import type { ViewBeneficiary } from '../../offline/model';
import { formatAed, formatPhone } from '../../lib/format';
import { TopUpButton } from './TopUpButton';
import { BeneficiaryTitle } from './BeneficiaryInfo';
import { t } from '../../i18n';

/** One compact row of the beneficiaries list: name, number, this month's use; "Top up", and "Manage" for the rest (a sheet). */
export function BeneficiaryRow(props: { beneficiary: ViewBeneficiary; onManage: (opener: HTMLButtonElement) => void }) {
  const b = () => props.beneficiary;
  return (
    <div class="flex flex-wrap items-center gap-x-3 gap-y-1">
      <div class="min-w-0 flex-[1_1_8rem]">
        <BeneficiaryTitle beneficiary={b()} />
        <p class="muted text-sm">
          <span class="tabular-nums" dir="ltr">
            {formatPhone(b().phone)}
          </span>
        </p>
        <p class="muted text-sm tabular-nums">{t('ben.usedOf', { used: formatAed(b().month_used), limit: formatAed(b().month_limit) })}</p>
      </div>
      <div class="ms-auto flex items-center">
        <Show when={b().active}>
          <TopUpButton id={b().id} nickname={b().nickname} />
        </Show>
        {/* An icon, so the row stays one line at 320 px; its name says whose actions it opens. */}
        <button type="button" class="btn-quiet px-2.5" aria-haspopup="dialog" title={t('ben.manage')} onClick={(e) => props.onManage(e.currentTarget)}>
          <svg aria-hidden="true" viewBox="0 0 24 24" class="h-6 w-6" fill="currentColor">
            <path d="M12 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4z" />
          </svg>
          <span class="sr-only">
            {t('ben.manage')} {b().nickname}
          </span>
        </button>
      </div>
    </div>
  );
}
