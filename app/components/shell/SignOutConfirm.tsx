import { Dialog } from '../../ui/Dialog';
import { t } from '../../i18n';

export default function SignOutConfirm(props: { queued: number; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Dialog open onClose={props.onCancel} title={t('signout.title')}>
      <p>{t('signout.body', { count: props.queued })}</p>
      <div class="mt-5 flex flex-wrap justify-end gap-2">
        <button type="button" class="btn-secondary" autofocus onClick={() => props.onCancel()}>
          {t('signout.keep')}
        </button>
        <button type="button" class="btn-danger" disabled={props.busy} onClick={() => props.onConfirm()}>
          {t('signout.anyway')}
        </button>
      </div>
    </Dialog>
  );
}
