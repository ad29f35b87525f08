import { Show } from 'solid-js';
import type { ViewBeneficiary } from '../../offline/model';
import { Dialog } from '../../ui/Dialog';
import { Switch } from '../../ui/Switch';
import { AutoTopupPanel } from '../schedules/AutoTopupPanel';
import { BeneficiaryInfo } from './BeneficiaryInfo';
import { t } from '../../i18n';

/** A beneficiary's other actions, in a modal (ADR 111); what they say back is shown here, where the person acted. */
export function BeneficiarySheet(props: {
  beneficiary: ViewBeneficiary | null;
  full: boolean;
  message: string;
  onClose: () => void;
  onToggle: (b: ViewBeneficiary, active: boolean) => void;
  onBlocked: (b: ViewBeneficiary) => void;
  onRename: (b: ViewBeneficiary) => void;
  onDelete: (b: ViewBeneficiary) => void;
  onAnnounce: (text: string) => void;
}) {
  return (
    <Dialog open={!!props.beneficiary} onClose={props.onClose} title={props.beneficiary?.nickname ?? ''}>
      <Show when={props.beneficiary}>
        {(b) => {
          const blocked = () => !b().active && props.full;
          return (
            <div class="space-y-3">
              <BeneficiaryInfo beneficiary={b()} />
              <div class="flex flex-wrap items-center gap-x-2">
                <Switch
                  id={`active-${b().id}`}
                  label={t('ben.active')}
                  checked={b().active}
                  blocked={blocked()}
                  describedBy={blocked() ? 'active-rule' : undefined}
                  onChange={(next) => props.onToggle(b(), next)}
                  onBlocked={() => props.onBlocked(b())}
                />
                <div class="ms-auto flex flex-wrap">
                  <button type="button" class="btn-quiet px-2.5" onClick={() => props.onRename(b())}>
                    {t('ben.rename')}
                    <span class="sr-only"> {b().nickname}</span>
                  </button>
                  <button type="button" class="btn-quiet px-2.5 text-red-700 dark:text-red-300" onClick={() => props.onDelete(b())}>
                    {t('ben.delete')}
                    <span class="sr-only"> {b().nickname}</span>
                  </button>
                </div>
              </div>
              <AutoTopupPanel beneficiary={b()} onAnnounce={props.onAnnounce} />
              <p role="status" class="text-sm font-medium empty:hidden">
                {props.message}
              </p>
              <div class="flex justify-end">
                <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
                  {t('common.close')}
                </button>
              </div>
            </div>
          );
        }}
      </Show>
    </Dialog>
  );
}
