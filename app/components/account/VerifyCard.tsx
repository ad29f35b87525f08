import { createSignal, Show } from 'solid-js';
import { formatAed } from '../../lib/format';
import { DEFAULT_LIMITS } from '../../../worker/domain/money';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { codeText } from '../../lib/errors';
import { t } from '../../i18n';

/** The simulated identity check (KYC) and what it changes. */
export function VerifyCard(props: { compact?: boolean }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const limits = () => wallet.snapshot?.options?.limits.beneficiary_monthly ?? DEFAULT_LIMITS.beneficiaryMonthly;

  const verify = async () => {
    setBusy(true);
    setError(null);
    const failure = await actions.verifyIdentity();
    setBusy(false);
    if (failure) setError(failure.code);
  };

  return (
    <section aria-labelledby="verify-title" class="card">
      <h2 id="verify-title" class={props.compact ? 'text-lg font-bold' : 'text-xl font-bold'}>
        {t('verify.title')}
      </h2>
      <Show
        when={!wallet.snapshot?.user.verified}
        fallback={<p class="mt-1">{t('verify.done', { amount: formatAed(limits().verified) })}</p>}
      >
        <p class="mt-1">
          {t('verify.body', { from: formatAed(limits().unverified), to: formatAed(limits().verified) })}
        </p>
        <Show when={!wallet.online}>
          <p class="muted mt-1 text-sm">{t('verify.needsConnection')}</p>
        </Show>
        <Show when={wallet.view?.verificationPending}>
          <p class="mt-1 text-sm">
            <span class="badge-pending">{t('common.pending')}</span> {t('verify.pendingBody')}
          </p>
        </Show>
        <button
          type="button"
          class="btn-primary mt-3"
          disabled={busy() || !wallet.online || wallet.view?.verificationPending}
          onClick={() => void verify()}
        >
          {t('verify.button')}
        </button>
        <Show when={error()}>
          <p role="alert" class="error-text">
            {error() === 'NETWORK' ? t('verify.offline') : codeText(error())}
          </p>
        </Show>
      </Show>
    </section>
  );
}
