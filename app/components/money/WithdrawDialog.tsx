import { createSignal, Show } from 'solid-js';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { parseAedToFils, WITHDRAWAL_MIN } from '../../../worker/domain/money';
import { formatAed } from '../../lib/format';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';
import { showMoneyNote } from './DepositNote';

/** What the person may take: the balance as the screen shows it (queued changes included). */
const available = () => Math.max(0, wallet.view?.balance ?? 0);

function checkAmount(text: string): string | null {
  if (!text.trim()) return t('withdraw.missing');
  const fils = parseAedToFils(text);
  if (fils === null) return t('withdraw.invalid');
  if (fils < WITHDRAWAL_MIN || fils > available()) return t('withdraw.range', { min: formatAed(WITHDRAWAL_MIN), max: formatAed(available()) });
  return null;
}

/** "Withdraw": money back to the person's bank, free, queued like every other change (the server checks the balance again). */
export default function WithdrawDialog(props: { onClose: () => void }) {
  const [amount, setAmount] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  const error = () => (touched() ? checkAmount(amount()) : null);
  const everything = () => (available() / 100).toFixed(2);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    const fils = parseAedToFils(amount());
    if (checkAmount(amount()) || fils === null) return;
    showMoneyNote(await actions.withdraw(fils));
    props.onClose();
  };

  return (
    <Dialog open onClose={() => props.onClose()} title={t('withdraw.title')}>
      <Show when={available() >= WITHDRAWAL_MIN} fallback={<p>{t('withdraw.empty')}</p>}>
        <form onSubmit={submit} noValidate class="space-y-4">
          <Field
            label={t('withdraw.amount')}
            dir="ltr"
            inputMode="decimal"
            autocomplete="off"
            value={amount()}
            onInput={(value) => {
              setAmount(value);
              if (parseAedToFils(value) !== null) setTouched(true);
            }}
            onBlur={() => setTouched(true)}
            error={error()}
            hint={t('withdraw.hint', { max: formatAed(available()) })}
            autofocus
            required
          />
          <div class="flex flex-wrap justify-end gap-2">
            <button type="button" class="btn-quiet me-auto" onClick={() => (setAmount(everything()), setTouched(true))}>
              {t('withdraw.all')}
            </button>
            <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="btn-primary">
              {t('withdraw.submit')}
            </button>
          </div>
        </form>
      </Show>
      <Show when={available() < WITHDRAWAL_MIN}>
        <div class="mt-4 flex justify-end">
          <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </Show>
    </Dialog>
  );
}
