import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { authErrorText, fieldErrors } from '../lib/errors';
import { authenticate } from '../state/commands';

type Errors = { name?: string; email?: string; password?: string };

function validate(name: string, email: string, password: string): Errors {
  const errors: Errors = {};
  if (!name.trim()) errors.name = 'Enter your name.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (password.length < 8 || password.length > 128) errors.password = 'Use 8 to 128 characters.';
  return errors;
}

export default function SignUp() {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const found = validate(name(), email(), password());
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    const result = await authenticate('signup', { name: name().trim(), email: email().trim(), password: password() });
    if (!result.ok) {
      setBusy(false);
      if (result.error.code === 'EMAIL_TAKEN') return setErrors({ email: 'An account with this email already exists.' });
      const fields = fieldErrors(result.error);
      if (Object.keys(fields).length) return setErrors(fields);
      return setError(authErrorText(result.status, result.error));
    }
    navigate('/', { replace: true });
  };

  return (
    <div class="mx-auto max-w-sm">
      <PageTitle>Create your account</PageTitle>
      <form class="card mt-4 space-y-4" onSubmit={submit} noValidate>
        <Field label="Name" autocomplete="name" value={name()} onInput={setName} error={errors().name} required />
        <Field label="Email" type="email" autocomplete="email" inputMode="email" value={email()} onInput={setEmail} error={errors().email} required />
        <Field
          label="Password"
          type="password"
          autocomplete="new-password"
          value={password()}
          onInput={setPassword}
          error={errors().password}
          hint="8 to 128 characters."
          required
        />
        <Show when={error()}>
          <p role="alert" class="error-text">
            {error()}
          </p>
        </Show>
        <button type="submit" class="btn-primary w-full" disabled={busy()}>
          Create account
        </button>
      </form>
      <p class="mt-4 text-center">
        Already have an account?{' '}
        <A href="/signin" class="link inline-flex min-h-11 items-center">
          Sign in instead
        </A>
      </p>
    </div>
  );
}
