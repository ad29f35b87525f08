import { A, useNavigate } from '@solidjs/router';
import { createSignal, onCleanup, Show } from 'solid-js';
import { Field } from '../ui/Field';
import { PageTitle } from '../ui/PageTitle';
import { authErrorText } from '../lib/errors';
import { actions } from '../state/actions';
import { wallet } from '../state/wallet';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PasskeySignIn } from '../components/account/PasskeySignIn';
import { Later } from '../ui/Later';
import { screenShown } from '../first-paint/first-screen';
import { takeOverStaticSignIn } from '../first-paint/carry-over';
import { t } from '../i18n';

export default function SignIn() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal(wallet.session?.email ?? '');
  const [password, setPassword] = createSignal('');
  // Worded when shown, so a language switch rewords a message already on screen.
  const [error, setError] = createSignal<(() => string) | null>(null);
  const [busy, setBusy] = createSignal(false);
  let root: HTMLDivElement | undefined;
  onCleanup(takeOverStaticSignIn(() => root));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!email().trim() || !password()) return setError(() => () => t('signin.missing'));
    setBusy(true);
    setError(null);
    const result = await actions.authenticate('login', { email: email().trim(), password: password() });
    if (!result.ok) {
      setBusy(false);
      return setError(() => () => authErrorText(result.status, result.error));
    }
    navigate('/', { replace: true });
  };

  // A task after the frame (router, header): two shorter tasks at start instead of one long one (ADR 113).
  return (
    <Later>
      <div
        class="mx-auto max-w-sm"
        ref={(el) => {
          root = el;
          screenShown();
        }}
      >
        <PageTitle>{t('signin.title')}</PageTitle>
        <Show when={wallet.sessionExpired}>
          <p class="muted mt-2">{t('signin.expired')}</p>
        </Show>
        <form class="card mt-4 space-y-4" onSubmit={submit} noValidate>
          <Field label={t('common.email')} dir="ltr" type="email" autocomplete="username webauthn" inputMode="email" value={email()} onInput={setEmail} required />
          <Field label={t('common.password')} dir="ltr" type="password" autocomplete="current-password" value={password()} onInput={setPassword} required />
          <Show when={error()}>
            <p role="alert" class="error-text">
              {error()?.()}
            </p>
          </Show>
          <button type="submit" class="btn-primary w-full" disabled={busy()}>
            {t('signin.submit')}
          </button>
        </form>
        {/* Drawn with the form (its words are in the first screen's part); its messages come with the rest of
            the words, and its code with the person's first interaction. */}
        <PasskeySignIn />
        <p class="mt-4 text-center">
          {t('signin.new')}{' '}
          <A href="/signup" class="link inline-flex min-h-11 items-center">
            {t('signin.create')}
          </A>
        </p>
        <LanguageSwitch />
      </div>
    </Later>
  );
}
