import { useLocation } from '@solidjs/router';
import { createSignal, onMount, Show } from 'solid-js';
import { Field } from './Field';
import { checkNickname } from '../../worker/domain/nickname';
import { likelyOperator, normalizeUaeMobile } from '../../worker/domain/phone';
import { operatorName } from '../lib/format';
import { addBeneficiary } from '../state/commands';
import { wallet } from '../state/wallet';
import { ContactPickerButton } from './ContactPickerButton';

/** Checks a phone with the server's own rules, plus "you already have it". */
export function checkPhone(text: string): { ok: true; value: string } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: 'Enter a UAE mobile number.' };
  const e164 = normalizeUaeMobile(text);
  if (!e164) return { ok: false, message: 'Enter a UAE mobile number, like 050 123 4567.' };
  if (wallet.view?.beneficiaries.some((b) => b.phone === e164)) return { ok: false, message: 'You already have a beneficiary with this number.' };
  return { ok: true, value: e164 };
}

/** Nickname and UAE number, validated live with the shared rules (worker/domain). */
export function AddBeneficiaryForm(props: { onAdded: (nickname: string) => void }) {
  const [nickname, setNickname] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [touched, setTouched] = createSignal({ nickname: false, phone: false });
  const nicknameCheck = () => checkNickname(nickname());
  const phoneCheck = () => checkPhone(phone());
  const nicknameError = () => {
    const check = nicknameCheck();
    return touched().nickname && !check.ok ? check.message : null;
  };
  const phoneError = () => {
    const check = phoneCheck();
    return touched().phone && !check.ok ? check.message : null;
  };
  const operatorHint = () => {
    const check = phoneCheck();
    return check.ok ? `${operatorName(likelyOperator(check.value))} (numbers can move networks)` : 'UAE mobile, e.g. 050 123 4567 or +971 50 123 4567.';
  };
  const activeFull = () => {
    const view = wallet.view;
    return view ? view.beneficiaries.filter((b) => b.active).length >= view.maxActive : false;
  };

  // Home's "Add beneficiary" (issue 12) links to #add: start typing right away.
  // After the page title has taken focus (PageTitle), hence the next frame.
  const route = useLocation();
  onMount(() => {
    if (route.hash === '#add') requestAnimationFrame(() => document.getElementById('add-title')?.closest('form')?.querySelector('input')?.focus());
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTouched({ nickname: true, phone: true });
    const n = nicknameCheck();
    const p = phoneCheck();
    if (!n.ok || !p.ok) return;
    await addBeneficiary({ nickname: n.value, phone: p.value });
    setNickname('');
    setPhone('');
    setTouched({ nickname: false, phone: false });
    props.onAdded(n.value);
  };

  return (
    <form onSubmit={submit} noValidate class="space-y-4" aria-labelledby="add-title">
      <h2 id="add-title" class="text-lg font-bold">
        New beneficiary
      </h2>
      <Field
        label="Nickname"
        value={nickname()}
        onInput={(v) => setNickname(v)}
        onBlur={() => setTouched((t) => ({ ...t, nickname: true }))}
        error={nicknameError()}
        hint="Up to 20 characters, e.g. Mum."
        autocomplete="off"
        required
      />
      <Field
        label="Phone number"
        type="tel"
        inputMode="tel"
        autocomplete="tel"
        value={phone()}
        onInput={(v) => {
          setPhone(v);
          if (normalizeUaeMobile(v)) setTouched((t) => ({ ...t, phone: true }));
        }}
        onBlur={() => setTouched((t) => ({ ...t, phone: true }))}
        error={phoneError()}
        hint={operatorHint()}
        required
      />
      <ContactPickerButton
        onPicked={(picked) => {
          setPhone(picked.phone);
          setTouched((t) => ({ ...t, phone: true }));
          if (!nickname().trim() && picked.name && checkNickname(picked.name).ok) setNickname(picked.name);
        }}
      />
      <Show when={activeFull()}>
        <p class="muted text-sm">You have {wallet.view?.maxActive} active beneficiaries, so this one will be added as inactive.</p>
      </Show>
      <button type="submit" class="btn-primary w-full sm:w-auto">
        Add beneficiary
      </button>
    </form>
  );
}
