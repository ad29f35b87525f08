import { useNavigate } from '@solidjs/router';
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../../i18n';
import { passkeyErrorText } from '../../lib/errors';
import { onFirstInteraction } from '../../first-paint/first-screen';
import type { Outcome } from '../../state/security';

// The button is drawn with sign-in; its code (the WebAuthn and API clients) loads at the first interaction (ADR 114).
const ceremony = () => import('../../state/security');

/** "Sign in with a passkey", and autofill in the email field where the browser offers conditional mediation. */
export function PasskeySignIn() {
  const navigate = useNavigate();
  // Worded when shown: the message may come before the rest of the words (they load at the first interaction).
  const [error, setError] = createSignal<(() => string) | null>(null);
  const [busy, setBusy] = createSignal(false);
  let live = true;
  let ceremonyStarted = false;

  const finish = (outcome: Outcome, quietWhenCancelled: boolean) => {
    if (!live) return;
    if (outcome.ok) return navigate('/', { replace: true });
    if (!(outcome.cancelled && quietWhenCancelled)) setError(() => () => passkeyErrorText(outcome));
  };

  onMount(() => {
    const off = onFirstInteraction(() => {
      ceremonyStarted = true;
      // Autofill is an extra: if its code cannot load (the page is being left, or reloaded into a
      // new version, as the tap that started it lands), the page simply goes on without it.
      void (async () => {
        const [{ autofillSupported }, { signInWithPasskey }] = await Promise.all([import('../../lib/passkeys'), ceremony()]);
        if (!live || !(await autofillSupported())) return;
        // Waits, unseen, until the person picks a passkey in the email field's suggestions.
        finish(await signInWithPasskey(true), true);
      })().catch(() => undefined);
    });
    onCleanup(off);
  });
  onCleanup(() => {
    live = false;
    if (ceremonyStarted) void import('../../lib/passkeys').then((m) => m.cancelCeremony(), () => undefined);
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    const outcome = await ceremony().then(
      (m) => m.signInWithPasskey(false),
      (): Outcome => ({ ok: false, status: 0, error: { code: 'NETWORK', message: 'The passkey code could not load' } }),
    );
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
          {error()?.()}
        </p>
      </Show>
    </div>
  );
}
