import { A, useNavigate } from '@solidjs/router';
import { createSignal, lazy, Show, Suspense } from 'solid-js';
import { Field } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { authErrorText } from '../lib/errors';
import { authenticate } from '../state/commands';
import { wallet } from '../state/wallet';

// Below the form and not needed for the first paint: loads after it (first-screen budget).
const PasskeySignIn = lazy(() => import('../components/PasskeySignIn').then((m) => ({ default: m.PasskeySignIn })));

export default function SignIn() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal(wallet.session?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!email().trim() || !password()) return setError('Enter your email and password.');
    setBusy(true);
    setError(null);
    const result = await authenticate('login', { email: email().trim(), password: password() });
    if (!result.ok) {
      setBusy(false);
      return setError(authErrorText(result.status, result.error));
    }
    navigate('/', { replace: true });
  };

  return (
    <div class="mx-auto max-w-sm">
      <PageTitle>Sign in</PageTitle>
      <Show when={wallet.sessionExpired}>
        <p class="muted mt-2">Your session has expired. Sign in again; anything you did offline is still queued and will be sent.</p>
      </Show>
      <form class="card mt-4 space-y-4" onSubmit={submit} noValidate>
        <Field label="Email" type="email" autocomplete="username webauthn" inputMode="email" value={email()} onInput={setEmail} required />
        <Field label="Password" type="password" autocomplete="current-password" value={password()} onInput={setPassword} required />
        <Show when={error()}>
          <p role="alert" class="error-text">
            {error()}
          </p>
        </Show>
        <button type="submit" class="btn-primary w-full" disabled={busy()}>
          Sign in
        </button>
      </form>
      <Suspense>
        <PasskeySignIn />
      </Suspense>
      <p class="mt-4 text-center">
        New to TopUp?{' '}
        <A href="/signup" class="link inline-flex min-h-11 items-center">
          Create an account
        </A>
      </p>
    </div>
  );
}
