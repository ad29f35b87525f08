import { createSignal, Show } from 'solid-js';
import { PageTitle } from '../ui/PageTitle';
import { AddBeneficiaryForm } from '../components/beneficiaries/AddBeneficiaryForm';
import { BeneficiaryRow } from '../components/beneficiaries/BeneficiaryRow';
import { BeneficiarySheet } from '../components/beneficiaries/BeneficiarySheet';
import { DeleteDialog, RenameDialog } from '../components/beneficiaries/BeneficiaryDialogs';
import { ForById } from '../ui/ForById';
import { Attention } from '../components/shell/Attention';
import type { ViewBeneficiary } from '../offline/model';
import { actions } from '../state/actions';
import { wallet } from '../state/wallet';
import { DEFAULT_LIMITS } from '../../worker/domain/money';
import { t } from '../i18n';

/** "Add beneficiary" at the top: straight into the form's first field (the form stays below the list). */
function focusAdd(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('add-title')?.closest('form')?.querySelector('input')?.focus();
}

export default function Beneficiaries() {
  const [renaming, setRenaming] = createSignal<ViewBeneficiary | null>(null);
  const [deleting, setDeleting] = createSignal<ViewBeneficiary | null>(null);
  const [managing, setManaging] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal('');
  const list = () => wallet.view?.beneficiaries ?? [];
  // Looked up by id: the sheet follows the beneficiary's changes, and closes when it is deleted.
  const managed = () => list().find((b) => b.id === managing()) ?? null;
  const maxActive = () => wallet.view?.maxActive ?? DEFAULT_LIMITS.maxActiveBeneficiaries;
  const activeCount = () => list().filter((b) => b.active).length;
  const full = () => activeCount() >= maxActive();

  const toggle = async (b: ViewBeneficiary, active: boolean) => {
    await actions.setBeneficiaryActive(b.id, active);
    setAnnouncement(t(active ? 'ben.nowActive' : 'ben.nowInactive', { name: b.nickname }));
  };
  const manage = (id: string) => {
    setAnnouncement('');
    setManaging(id);
  };

  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <PageTitle>{t('ben.title')}</PageTitle>
        <a href="#add" class="btn-secondary" onClick={focusAdd}>
          {t('schedules.addBeneficiary')}
        </a>
      </div>
      <Attention />
      <section aria-labelledby="list-title" class="card">
        <h2 id="list-title" tabindex="-1" class="text-lg font-bold">
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
                <li class="py-3">
                  <BeneficiaryRow beneficiary={b()} onManage={() => manage(b().id)} />
                </li>
              )}
            </ForById>
          </ul>
        </Show>
        {/* What was done outside the sheet (added, deleted), under the list: in sight of both. */}
        <p role="status" class="mt-2 text-sm font-medium empty:hidden">
          {managing() ? '' : announcement()}
        </p>
      </section>
      <section class="card">
        <AddBeneficiaryForm onAdded={(name) => setAnnouncement(t('ben.added', { name }))} />
      </section>
      <BeneficiarySheet
        beneficiary={managed()}
        full={full()}
        message={announcement()}
        onClose={() => setManaging(null)}
        onToggle={(b, active) => void toggle(b, active)}
        onBlocked={(b) => setAnnouncement(t('ben.cannotActivate', { name: b.nickname, max: maxActive() }))}
        onRename={setRenaming}
        onDelete={setDeleting}
        onAnnounce={setAnnouncement}
      />
      <RenameDialog beneficiary={renaming()} onClose={() => setRenaming(null)} />
      <DeleteDialog
        beneficiary={deleting()}
        onClose={() => setDeleting(null)}
        onDeleted={(name) => {
          setManaging(null);
          setAnnouncement(t('ben.deleted', { name }));
          // Its row (and the "Manage" that opened the sheet) is gone: focus lands on the list.
          requestAnimationFrame(() => document.getElementById('list-title')?.focus());
        }}
      />
    </div>
  );
}
