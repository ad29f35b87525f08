import { createSignal, Show } from 'solid-js';
import { formatAed } from '../lib/format';
import { DEFAULT_LIMITS } from '../../worker/domain/limits';
import { verifyIdentity } from '../state/commands';
import { wallet } from '../state/wallet';

/** The simulated identity check (KYC) and what it changes. */
export function VerifyCard(props: { compact?: boolean }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const limits = () => wallet.snapshot?.options?.limits.beneficiary_monthly ?? DEFAULT_LIMITS.beneficiaryMonthly;

  const verify = async () => {
    setBusy(true);
    setError(null);
    const failure = await verifyIdentity();
    setBusy(false);
    if (failure) setError(failure.code === 'NETWORK' ? 'You are offline. Verification needs a connection.' : failure.message);
  };

  return (
    <section aria-labelledby="verify-title" class="card">
      <h2 id="verify-title" class={props.compact ? 'text-lg font-bold' : 'text-xl font-bold'}>
        Identity
      </h2>
      <Show
        when={!wallet.snapshot?.user.verified}
        fallback={<p class="mt-1">Verified. Each beneficiary can receive up to {formatAed(limits().verified)} a month.</p>}
      >
        <p class="mt-1">
          Verify your identity to raise each beneficiary's monthly limit from {formatAed(limits().unverified)} to{' '}
          {formatAed(limits().verified)}.
        </p>
        <Show when={!wallet.online}>
          <p class="muted mt-1 text-sm">Verification needs a connection.</p>
        </Show>
        <Show when={wallet.view?.verificationPending}>
          <p class="mt-1 text-sm">
            <span class="badge-pending">Pending</span> Sent as soon as the server can be reached.
          </p>
        </Show>
        <button
          type="button"
          class="btn-primary mt-3"
          disabled={busy() || !wallet.online || wallet.view?.verificationPending}
          onClick={() => void verify()}
        >
          Verify identity
        </button>
        <Show when={error()}>
          <p role="alert" class="error-text">
            {error()}
          </p>
        </Show>
      </Show>
    </section>
  );
}
