import { createSignal, lazy, Show, Suspense } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { Field } from '../../ui/Field';
import { api } from '../../lib/api';
import { formatAed } from '../../lib/format';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';

const WithdrawDialog = lazy(() => import('../money/WithdrawDialog'));

/** Account → "Your data": everything TopUp holds about the person, as a file (needs a connection). */
function DownloadData() {
  const [failed, setFailed] = createSignal(false);
  const download = async () => {
    setFailed(false);
    const result = await api.exportData();
    if (!result.ok) return setFailed(true);
    const url = URL.createObjectURL(new Blob([JSON.stringify(result.data, null, 2)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `topup-data-${result.data.exported_at.slice(0, 10)}.json` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section aria-labelledby="data-title" class="card">
      <h2 id="data-title" class="text-lg font-bold">
        {t('data.title')}
      </h2>
      <p class="mt-1">{t('data.body')}</p>
      <button type="button" class="btn-secondary mt-3" onClick={() => void download()}>
        {t('data.download')}
      </button>
      <Show when={failed()}>
        <p role="alert" class="error-text">
          {t('data.failed')}
        </p>
      </Show>
    </section>
  );
}

/** Account → "Close account": explains, refuses clearly while money remains (and offers Withdraw), asks for the password. */
function CloseAccount() {
  const navigate = useNavigate();
  const [open, setOpen] = createSignal(false);
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [withdrawing, setWithdrawing] = createSignal(false);
  const balance = () => wallet.view?.balance ?? 0;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const refused = await actions.closeAccount(password());
    setBusy(false);
    if (!refused) return navigate('/signin', { replace: true });
    const code = refused.code;
    if (code === 'BALANCE_NOT_ZERO') setError(t('close.moneyLeft', { amount: formatAed(Number(refused.details?.balance ?? balance())) }));
    else if (code === 'INVALID_CREDENTIALS') setError(t('close.wrongPassword'));
    else if (code === 'TOPUP_PENDING') setError(t('errors.TOPUP_PENDING'));
    else if (code === 'NETWORK') setError(t('close.offline'));
    else setError(t('close.failed'));
  };

  return (
    <section aria-labelledby="close-title" class="card">
      <h2 id="close-title" class="text-lg font-bold">
        {t('close.title')}
      </h2>
      <p class="mt-1">{t('close.body')}</p>
      <Show when={balance() > 0}>
        <p role="status" class="mt-3 rounded-xl bg-amber-100 p-3 text-amber-950 dark:bg-amber-300 dark:text-amber-950">
          {t('close.moneyLeft', { amount: formatAed(balance()) })}
        </p>
        <button type="button" class="btn-primary mt-3" onClick={() => setWithdrawing(true)}>
          {t('home.withdraw')}
        </button>
        <Show when={withdrawing()}>
          <Suspense>
            <WithdrawDialog onClose={() => setWithdrawing(false)} />
          </Suspense>
        </Show>
      </Show>
      <Show when={balance() <= 0}>
        <Show
          when={open()}
          fallback={
            <button type="button" class="btn-danger mt-3" onClick={() => setOpen(true)}>
              {t('close.start')}
            </button>
          }
        >
          <form onSubmit={submit} class="mt-3 space-y-3">
            <Field label={t('close.password')} type="password" autocomplete="current-password" value={password()} onInput={setPassword} error={error()} required autofocus />
            <div class="flex flex-wrap gap-2">
              <button type="submit" class="btn-danger" disabled={busy() || !password()}>
                {t('close.confirm')}
              </button>
              <button type="button" class="btn-secondary" onClick={() => (setOpen(false), setPassword(''), setError(null))}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
}

export function YourData() {
  return (
    <>
      <DownloadData />
      <CloseAccount />
    </>
  );
}
