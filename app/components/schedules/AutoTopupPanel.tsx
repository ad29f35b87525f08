import { createSignal, Show } from 'solid-js';
import type { ViewBeneficiary, ViewSchedule } from '../../offline/model';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { ScheduleDialog } from './ScheduleDialog';
import { ScheduleStatus } from './ScheduleStatus';

/** "Auto top-up" on one beneficiary: set it up, or see, change, pause, resume or delete it. */
export function AutoTopupPanel(props: { beneficiary: ViewBeneficiary; onAnnounce: (text: string) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const b = () => props.beneficiary;
  const schedule = (): ViewSchedule | undefined => wallet.view?.schedules.find((s) => s.beneficiary_id === b().id);

  const setStatus = async (s: ViewSchedule, status: 'active' | 'paused') => {
    await actions.changeSchedule({ id: s.id, beneficiaryId: b().id, status });
    props.onAnnounce(status === 'paused' ? t('schedules.pausedNote', { name: b().nickname }) : t('schedules.resumedNote', { name: b().nickname }));
  };
  const remove = async (s: ViewSchedule) => {
    await actions.deleteSchedule(s.id, b().id);
    setDeleting(false);
    props.onAnnounce(t('schedules.deletedNote', { name: b().nickname }));
  };

  return (
    <div class="mt-3 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700">
      <h4 class="text-sm font-bold">{t('schedules.title')}</h4>
      <Show
        when={schedule()}
        fallback={
          <button type="button" class="btn-quiet -ms-3 mt-1" onClick={() => setEditing(true)}>
            {t('schedules.setUp')}
            <span class="sr-only"> ({b().nickname})</span>
          </button>
        }
      >
        {(s) => (
          <>
            <div class="mt-1">
              <ScheduleStatus schedule={s()} beneficiaryActive={b().active} />
            </div>
            <div class="-ms-3 mt-1 flex flex-wrap">
              <button type="button" class="btn-quiet" onClick={() => setEditing(true)}>
                {t('schedules.change')}
                <span class="sr-only"> ({t('schedules.title')}{t('common.comma')}{b().nickname})</span>
              </button>
              <Show
                when={s().status === 'active'}
                fallback={
                  <button type="button" class="btn-quiet" onClick={() => void setStatus(s(), 'active')}>
                    {t('schedules.resume')}
                    <span class="sr-only"> ({t('schedules.title')}{t('common.comma')}{b().nickname})</span>
                  </button>
                }
              >
                <button type="button" class="btn-quiet" onClick={() => void setStatus(s(), 'paused')}>
                  {t('schedules.pause')}
                  <span class="sr-only"> ({t('schedules.title')}{t('common.comma')}{b().nickname})</span>
                </button>
              </Show>
              <button type="button" class="btn-quiet text-red-700 dark:text-red-300" onClick={() => setDeleting(true)}>
                {t('schedules.delete')}
                <span class="sr-only"> ({t('schedules.title')}{t('common.comma')}{b().nickname})</span>
              </button>
            </div>
            <Dialog open={deleting()} onClose={() => setDeleting(false)} title={t('schedules.deleteTitle', { name: b().nickname })}>
              <p>{t('schedules.deleteText')}</p>
              <div class="mt-5 flex flex-wrap justify-end gap-2">
                <button type="button" class="btn-secondary" autofocus onClick={() => setDeleting(false)}>
                  {t('common.cancel')}
                </button>
                <button type="button" class="btn-danger" onClick={() => void remove(s())}>
                  {t('schedules.deleteConfirm')}
                </button>
              </div>
            </Dialog>
          </>
        )}
      </Show>
      <ScheduleDialog
        beneficiary={editing() ? b() : null}
        schedule={schedule() ?? null}
        onClose={() => setEditing(false)}
        onSaved={(name) => props.onAnnounce(t('schedules.saved', { name }))}
      />
    </div>
  );
}
