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
    setAnnouncement(`${b.nickname} is now ${active ? 'active' : 'inactive'}.`);
    // The list re-sorts (active first): keep keyboard focus on the same switch.
    requestAnimationFrame(() => document.getElementById(`active-${b.id}`)?.focus());
  };

  return (
    <div class="space-y-4">
      <PageTitle>Beneficiaries</PageTitle>
      <Attention />
      <section aria-labelledby="list-title" class="card">
        <h2 id="list-title" class="text-lg font-bold">
          Your beneficiaries
        </h2>
        <p id="active-rule" class="muted mt-1 text-sm">
          {activeCount()} of {maxActive()} active.{' '}
          {full() ? `At most ${maxActive()} can be active: deactivate one to activate another.` : 'Only active beneficiaries can be topped up.'}
        </p>
        <Show when={list().length} fallback={<p class="muted py-3">No beneficiaries yet.</p>}>
          <ul aria-label="Beneficiaries" class="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
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
                      label="Active"
                      checked={b().active}
                      blocked={!b().active && full()}
                      describedBy={!b().active && full() ? 'active-rule' : undefined}
                      onChange={(next) => void toggle(b(), next)}
                      onBlocked={() => setAnnouncement(`${b().nickname} cannot be activated: ${maxActive()} are already active. Deactivate one first.`)}
                    />
                    <div class="ml-auto flex">
                      <button type="button" class="btn-quiet px-2.5" onClick={() => setRenaming(b())}>
                        Rename<span class="sr-only"> {b().nickname}</span>
                      </button>
                      <button type="button" class="btn-quiet px-2.5 text-red-700 dark:text-red-300" onClick={() => setDeleting(b())}>
                        Delete<span class="sr-only"> {b().nickname}</span>
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
        <AddBeneficiaryForm onAdded={(name) => setAnnouncement(`${name} added.`)} />
      </section>
      <p role="status" class="text-sm font-medium empty:hidden">
        {announcement()}
      </p>
      <RenameDialog beneficiary={renaming()} onClose={() => setRenaming(null)} />
      <DeleteDialog beneficiary={deleting()} onClose={() => setDeleting(null)} onDeleted={(name) => setAnnouncement(`${name} deleted.`)} />
    </div>
  );
}
