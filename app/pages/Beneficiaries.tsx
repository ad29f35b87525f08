import { createSignal, Show } from 'solid-js';
import { PageTitle } from '../components/PageTitle';
import { AddBeneficiaryForm } from '../components/AddBeneficiaryForm';
import { BeneficiaryInfo } from '../components/BeneficiaryInfo';
import { DeleteDialog, RenameDialog } from '../components/BeneficiaryDialogs';
import { Switch } from '../components/Switch';
import { ForById } from '../components/ForById';
import { TopUpButton } from '../components/TopUpButton';
import { Attention } from '../components/Attention';
import { AutoTopupPanel } from '../components/AutoTopupPanel';
import type { ViewBeneficiary } from '../offline/project';
import { setBeneficiaryActive } from '../state/commands';
import { wallet } from '../state/wallet';
import { t } from '../i18n';

export default function Beneficiaries() {
  const [renaming, setRenaming] = createSignal<ViewBeneficiary | null>(null);
  const [deleting, setDeleting] = createSignal<ViewBeneficiary | null>(null);
  const [announcement, setAnnouncement] = createSignal('');
  const list = () => wallet.view?.beneficiaries ?? [];
  const maxActive = () => wallet.view?.maxActive ?? 5;
  const activeCount = () => list().filter((b) => b.active).length;
  const full = () => activeCount() >= maxActive();

  const toggle = async (b: ViewBeneficiary, active: boolean) => {
    await setBeneficiaryActive(b.id, active);
    setAnnouncement(t(active ? 'ben.nowActive' : 'ben.nowInactive', { name: b.nickname }));
    // The list re-sorts (active first): keep keyboard focus on the same switch.
    requestAnimationFrame(() => document.getElementById(`active-${b.id}`)?.focus());
  };

  return (
    <div class="space-y-4">
      <PageTitle>{t('ben.title')}</PageTitle>
      <Attention />
      <section aria-labelledby="list-title" class="card">
        <h2 id="list-title" class="text-lg font-bold">
          {t('ben.yours')}
        </h2>
        <p id="active-rule" class="muted mt-1 text-sm">
          {t('ben.activeCount', { active: activeCount(), max: maxActive() })}{' '}
          {full() ? t('ben.full', { max: maxActive() }) : t('ben.onlyActive')}
        </p>
        <Show when={list().length} fallback={<p class="muted py-3">{t('ben.empty')}</p>}>
          <ul aria-label={t('ben.title')} class="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
            <ForById each={list()}>
              {(b) => (
                <li class="py-4">
                  <BeneficiaryInfo
                    beneficiary={b()}
                    action={
                      <Show when={b().active}>
                        <TopUpButton id={b().id} nickname={b().nickname} />
                      </Show>
                    }
                  />
                  <div class="mt-2 flex flex-wrap items-center gap-x-2">
                    <Switch
                      id={`active-${b().id}`}
                      label={t('ben.active')}
                      checked={b().active}
                      blocked={!b().active && full()}
                      describedBy={!b().active && full() ? 'active-rule' : undefined}
                      onChange={(next) => void toggle(b(), next)}
                      onBlocked={() => setAnnouncement(t('ben.cannotActivate', { name: b().nickname, max: maxActive() }))}
                    />
                    <div class="ms-auto flex flex-wrap">
                      <button type="button" class="btn-quiet px-2.5" onClick={() => setRenaming(b())}>
                        {t('ben.rename')}
                        <span class="sr-only"> {b().nickname}</span>
                      </button>
                      <button type="button" class="btn-quiet px-2.5 text-red-700 dark:text-red-300" onClick={() => setDeleting(b())}>
                        {t('ben.delete')}
                        <span class="sr-only"> {b().nickname}</span>
                      </button>
                    </div>
                  </div>
                  <AutoTopupPanel beneficiary={b()} onAnnounce={setAnnouncement} />
                </li>
              )}
            </ForById>
          </ul>
        </Show>
      </section>
      <section class="card">
        <AddBeneficiaryForm onAdded={(name) => setAnnouncement(t('ben.added', { name }))} />
      </section>
      <p role="status" class="text-sm font-medium empty:hidden">
        {announcement()}
      </p>
      <RenameDialog beneficiary={renaming()} onClose={() => setRenaming(null)} />
      <DeleteDialog beneficiary={deleting()} onClose={() => setDeleting(null)} onDeleted={(name) => setAnnouncement(t('ben.deleted', { name }))} />
    </div>
  );
}
