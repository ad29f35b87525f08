import { applyUpdate, dismissUpdate } from '../../lib/pwa';
import { t } from '../../i18n';

export default function UpdateBar() {
  return (
    <div role="alert" data-leaves-page class="fixed inset-x-3 bottom-20 z-20 mx-auto flex max-w-md items-center gap-2 rounded-2xl bg-slate-900 p-3 text-white shadow-lg dark:bg-slate-100 dark:text-slate-900">
      <p class="flex-1 text-sm font-medium">{t('update.available')}</p>
      <button type="button" class="btn bg-white text-slate-900 dark:bg-slate-900 dark:text-white" onClick={applyUpdate}>
        {t('update.reload')}
      </button>
      <button type="button" class="btn px-3 underline" onClick={dismissUpdate}>
        {t('update.later')}
      </button>
    </div>
  );
}
