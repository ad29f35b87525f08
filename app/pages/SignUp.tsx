import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { Field, focusFirstInvalid } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { authErrorText, invalidFields } from '../lib/errors';
import { t } from '../i18n';
import { actions } from '../state/actions';

type Errors = { name?: () => string; email?: () => string; password?: () => string };
const WORDS = { name: () => t('signup.nameMissing'), email: () => t('signup.emailInvalid'), password: () => t('signup.passwordLength') };

function validate(name: string, email: string, password: string): Errors {
  const errors: Errors = {};
  if (!name.trim()) errors.name = WORDS.name;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = WORDS.email;
  if (password.length < 8 || password.length > 128) errors.password = WORDS.password;
  return errors;
}

export default function SignUp() {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [error, setError] = createSignal<(() => string) | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found = validate(name(), email(), password());
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return focusFirstInvalid(event.currentTarget as HTMLFormElement);
    setBusy(true);
    const result = await actions.authenticate('signup', { name: name().trim(), email: email().trim(), password: password() });
    if (!result.ok) {
      setBusy(false);
      if (result.error.code === 'EMAIL_TAKEN') return setErrors({ email: () => t('signup.emailTaken') });
      const fields = invalidFields(result.error).filter((field): field is keyof Errors => field in WORDS);
      if (fields.length) return setErrors(Object.fromEntries(fields.map((field) => [field, WORDS[field]])));
      return setError(() => () => authErrorText(result.status, result.error));
    }
    navigate('/', { replace: true });
  };

  return (
    <div class="mx-auto max-w-sm">
      <PageTitle>{t('signup.title')}</PageTitle>
      <form class="card mt-4 space-y-4" onSubmit={submit} noValidate>
        <Field label={t('common.name')} dir="auto" autocomplete="name" value={name()} onInput={setName} error={errors().name?.()} required />
        <Field label={t('common.email')} dir="ltr" type="email" autocomplete="email" inputMode="email" value={email()} onInput={setEmail} error={errors().email?.()} required />
        <Field
          label={t('common.password')}
          dir="ltr"
          type="password"
          autocomplete="new-password"
          value={password()}
          onInput={setPassword}
          error={errors().password?.()}
          hint={t('signup.passwordHint')}
          required
        />
        <Show when={error()}>
          <p role="alert" class="error-text">
            {error()?.()}
          </p>
        </Show>
        <button type="submit" class="btn-primary w-full" disabled={busy()}>
          {t('signup.submit')}
        </button>
      </form>
      <p class="mt-4 text-center">
        {t('signup.have')}{' '}
        <A href="/signin" class="link inline-flex min-h-11 items-center">
          {t('signup.signIn')}
        </A>
      </p>
      <LanguageSwitch />
    </div>
  );
}
