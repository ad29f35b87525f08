import { useNavigate } from '@solidjs/router';
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n';
import { onFirstInteraction } from '../lib/first-screen';
import { signInWithPasskey, type Outcome } from '../state/security';

/** What a failed passkey sign-in says (a dismissed prompt is said gently, never as an error). */
export function passkeyErrorText(outcome: Exclude<Outcome, { ok: true }>): string {
  if (outcome.cancelled) return t('security.passkeyCancelled');
  if (outcome.status === 0) return t('security.offline');
  if (outcome.error.code === 'RATE_LIMITED') return t('security.rateLimited');
  if (outcome.error.code === 'INVALID_CREDENTIALS') return t('security.passkeyRefused');
  return t('security.failed');
}

/**
 * "Sign in with a passkey", and passkey autofill in the email field where the browser
 * offers conditional mediation (the field says `autocomplete="username webauthn"`).
 */
export function PasskeySignIn() {
  const navigate = useNavigate();
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let live = true;
  let ceremonyStarted = false;

  const finish = (outcome: Outcome, quietWhenCancelled: boolean) => {
    if (!live) return;
    if (outcome.ok) return navigate('/', { replace: true });
    if (!(outcome.cancelled && quietWhenCancelled)) setError(passkeyErrorText(outcome));
  };

  // The WebAuthn client and the API client load when the person starts using the page, not to paint it.
  onMount(() => {
    const off = onFirstInteraction(() => {
      ceremonyStarted = true;
      // Autofill is an extra: if its code cannot load (the page is being left, or reloaded into a
      // new version, as the tap that started it lands), the page simply goes on without it.
      void (async () => {
        const { autofillSupported } = await import('../lib/passkeys');
        if (!live || !(await autofillSupported())) return;
        // Waits, unseen, until the person picks a passkey in the email field's suggestions.
        finish(await signInWithPasskey(true), true);
      })().catch(() => undefined);
    });
    onCleanup(off);
  });
  onCleanup(() => {
    live = false;
    if (ceremonyStarted) void import('../lib/passkeys').then((m) => m.cancelCeremony(), () => undefined);
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    const outcome = await signInWithPasskey(false);
    setBusy(false);
    finish(outcome, false);
  };

  return (
    <div class="passkey-slot space-y-2">
      <p class="muted text-center">{t('security.or')}</p>
      <button type="button" class="btn-secondary w-full" disabled={busy()} onClick={() => void start()}>
        {t('security.signInWithPasskey')}
      </button>
      <Show when={error()}>
        <p role="alert" class="error-text">
          {error()}
        </p>
      </Show>
    </div>
  );
}
