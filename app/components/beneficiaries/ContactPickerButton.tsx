import { createSignal, Show } from 'solid-js';
import { canPickContacts, pickUaeContact } from '../../lib/contacts';
import { t } from '../../i18n';

/** "Choose from contacts", only where the Contact Picker API exists; a contact without a UAE mobile says so. */
export function ContactPickerButton(props: { onPicked: (picked: { phone: string; name: string | null }) => void }) {
  const [problem, setProblem] = createSignal<string | null>(null);
  const pick = async () => {
    const picked = await pickUaeContact();
    setProblem(picked.kind === 'notUae' ? t('schedules.contactNotUae') : null);
    if (picked.kind === 'picked') props.onPicked(picked);
  };
  return (
    <Show when={canPickContacts()}>
      <div>
        <button type="button" class="btn-secondary" onClick={() => void pick()}>
          {t('schedules.fromContacts')}
        </button>
        <p role="status" class="error-text mt-1 empty:hidden">
          {problem()}
        </p>
      </div>
    </Show>
  );
}
