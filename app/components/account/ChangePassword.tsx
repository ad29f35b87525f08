import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n';
import { api } from '../../lib/api';
import { Field } from '../../ui/Field';

/** Account: change the password (asks for the current one); every other session ends. */
export function ChangePassword(props: { onChanged?: () => void }) {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<{ error: boolean; text: string } | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (next().length < 8 || next().length > 128) return setStatus({ error: true, text: t('security.passwordLength') });
    setBusy(true);
    setStatus(null);
    const result = await api.changePassword({ current_password: current(), new_password: next() });
    setBusy(false);
    if (result.ok) {
      setCurrent('');
      setNext('');
      setStatus({ error: false, text: t('security.passwordChanged') });
      return props.onChanged?.();
    }
    const code = result.error.code;
    const text =
      result.status === 0 ? t('security.offline')
      : code === 'INVALID_CREDENTIALS' ? t('security.wrongPassword')
      : code === 'RATE_LIMITED' ? t('security.rateLimited')
      : code === 'VALIDATION_FAILED' ? t('security.passwordLength')
      : t('security.failed');
    setStatus({ error: true, text });
  };

  return (
    <section aria-labelledby="password-title" class="card">
      <h2 id="password-title" class="text-lg font-bold">
        {t('security.passwordTitle')}
      </h2>
      <form class="mt-2 space-y-3" onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('security.currentPassword')} type="password" autocomplete="current-password" value={current()} onInput={setCurrent} required />
        <Field label={t('security.newPassword')} type="password" autocomplete="new-password" value={next()} onInput={setNext} hint={t('security.newPasswordHint')} maxLength={128} required />
        <button type="submit" class="btn-primary" disabled={busy() || !current() || !next()}>
          {t('security.changePassword')}
        </button>
        <Show when={status()}>
          {(s) => (
            <p role={s().error ? 'alert' : 'status'} class={s().error ? 'error-text' : ''}>
              {s().text}
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
