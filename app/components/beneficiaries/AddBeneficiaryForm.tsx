import { useLocation } from '@solidjs/router';
import { createSignal, onMount, Show } from 'solid-js';
import { Field, focusFirstInvalid } from '../../ui/Field';
import { checkNickname } from '../../../worker/domain/nickname';
import { likelyOperator, normalizeUaeMobile } from '../../../worker/domain/phone';
import { operatorName } from '../../lib/format';
import { latinDigits, nicknameProblem, submitOnce } from '../../lib/input';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { ContactPickerButton } from './ContactPickerButton';
import { t } from '../../i18n';

/** Checks a phone with the server's own rules (Arabic-Indic and Persian digits read as Latin), plus "you already have it". */
export function checkPhone(text: string): { ok: true; value: string } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: t('add.phoneMissing') };
  const e164 = normalizeUaeMobile(latinDigits(text));
  if (!e164) return { ok: false, message: t('add.phoneInvalid') };
  if (wallet.view?.beneficiaries.some((b) => b.phone === e164)) return { ok: false, message: t('add.phoneDuplicate') };
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
    return touched().nickname && !check.ok ? nicknameProblem(nickname()) : null;
  };
  const phoneError = () => {
    const check = phoneCheck();
    return touched().phone && !check.ok ? check.message : null;
  };
  const operatorHint = () => {
    const check = phoneCheck();
    return check.ok ? t('add.operator', { operator: operatorName(likelyOperator(check.value)) }) : t('add.phoneHint');
  };
  const activeFull = () => {
    const view = wallet.view;
    return view ? view.beneficiaries.filter((b) => b.active).length >= view.maxActive : false;
  };

  // Home's "Add beneficiary" links to #add: the first field takes focus, a frame after PageTitle took it.
  const route = useLocation();
  onMount(() => {
    if (route.hash === '#add') requestAnimationFrame(() => document.getElementById('add-title')?.closest('form')?.querySelector('input')?.focus());
  });

  const submit = submitOnce(async (event: SubmitEvent) => {
    setTouched({ nickname: true, phone: true });
    const n = nicknameCheck();
    const p = phoneCheck();
    if (!n.ok || !p.ok) return focusFirstInvalid(event.currentTarget as HTMLFormElement);
    await actions.addBeneficiary({ nickname: n.value, phone: p.value });
    setNickname('');
    setPhone('');
    setTouched({ nickname: false, phone: false });
    props.onAdded(n.value);
  });

  return (
    <form onSubmit={submit} noValidate class="space-y-4" aria-labelledby="add-title">
      <h2 id="add-title" class="text-lg font-bold">
        {t('add.title')}
      </h2>
      <Field
        label={t('add.nickname')}
        value={nickname()}
        onInput={(v) => setNickname(v)}
        onBlur={() => setTouched((t) => ({ ...t, nickname: true }))}
        error={nicknameError()}
        hint={t('add.nicknameHint')}
        dir="auto"
        autocomplete="off"
        required
      />
      <Field
        label={t('add.phone')}
        dir="ltr"
        type="tel"
        inputMode="tel"
        autocomplete="tel"
        value={phone()}
        onInput={(v) => {
          setPhone(v);
          if (normalizeUaeMobile(latinDigits(v))) setTouched((prev) => ({ ...prev, phone: true }));
        }}
        onBlur={() => setTouched((t) => ({ ...t, phone: true }))}
        error={phoneError()}
        hint={operatorHint()}
        required
      />
      <ContactPickerButton
        onPicked={(picked) => {
          setPhone(picked.phone);
          setTouched((prev) => ({ ...prev, phone: true }));
          if (!nickname().trim() && picked.name && checkNickname(picked.name).ok) setNickname(picked.name);
        }}
      />
      <Show when={activeFull()}>
        <p class="muted text-sm">{t('add.willBeInactive', { max: wallet.view?.maxActive ?? 5 })}</p>
      </Show>
      <button type="submit" class="btn-primary w-full sm:w-auto">
        {t('add.submit')}
      </button>
    </form>
  );
}
