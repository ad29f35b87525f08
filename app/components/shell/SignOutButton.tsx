import { createSignal, lazy, Show, Suspense } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';

const SignOutConfirm = lazy(() => import('./SignOutConfirm'));

/** Signs out; warns first when changes are still waiting to be sent (they would be lost). */
export function SignOutButton() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  // A queued language choice is only a preference: it never holds sign-out back.
  const queued = () => wallet.outbox.filter((e) => e.intent.type !== 'setLang').length;

  const go = async () => {
    setBusy(true);
    await actions.signOut();
    setBusy(false);
    setConfirming(false);
    navigate('/signin', { replace: true });
  };

  // Changes still queued: try to send them first; warn only if some cannot go.
  const start = async () => {
    if (queued() && wallet.online) {
      setBusy(true);
      await actions.syncNow();
      setBusy(false);
    }
    if (queued()) setConfirming(true);
    else await go();
  };

  return (
    <>
      <button type="button" class="btn-quiet px-2 whitespace-nowrap" disabled={busy()} onClick={() => void start()}>
        {t('signout.button')}
      </button>
      <Show when={confirming()}>
        <Suspense>
          <SignOutConfirm queued={queued()} busy={busy()} onCancel={() => setConfirming(false)} onConfirm={() => void go()} />
        </Suspense>
      </Show>
    </>
  );
}
