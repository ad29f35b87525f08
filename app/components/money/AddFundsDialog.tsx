import { createSignal } from 'solid-js';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { DEPOSIT_MAX, DEPOSIT_MIN, parseAedToFils } from '../../../worker/domain/money';
import { formatAed } from '../../lib/format';
import { latinDigits } from '../../lib/input';
import { actions } from '../../state/actions';
import { showMoneyNote } from './DepositNote';
import { t } from '../../i18n';

/** What was typed, in fils: Arabic-Indic and Persian digits and "٫" read as Latin (lib/input.ts). */
const filsOf = (text: string) => parseAedToFils(latinDigits(text));

function checkAmount(text: string): string | null {
  if (!text.trim()) return t('funds.missing');
  const fils = filsOf(text);
  if (fils === null) return t('funds.invalid');
  if (fils < DEPOSIT_MIN || fils > DEPOSIT_MAX) return t('funds.range', { min: formatAed(DEPOSIT_MIN), max: formatAed(DEPOSIT_MAX) });
  return null;
}

/** "Add funds": fake money from the person's bank, queued like every other change. */
export default function AddFundsDialog(props: { onClose: () => void }) {
  const [amount, setAmount] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  const error = () => (touched() ? checkAmount(amount()) : null);

  const close = () => {
    setAmount('');
    setTouched(false);
    props.onClose();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    const fils = filsOf(amount());
    if (checkAmount(amount()) || fils === null) return focusFirstInvalid(event.currentTarget as HTMLFormElement);
    const key = await actions.deposit(fils);
    close();
    showMoneyNote(key);
  };

  return (
    <Dialog open onClose={close} title={t('funds.title')}>
      <form onSubmit={submit} noValidate class="space-y-4">
        <Field
          label={t('funds.amount')}
          dir="ltr"
          inputMode="decimal"
          autocomplete="off"
          value={amount()}
          onInput={(value) => {
            setAmount(value);
            if (filsOf(value) !== null) setTouched(true);
          }}
          onBlur={() => setTouched(true)}
          error={error()}
          hint={t('funds.hint', { min: formatAed(DEPOSIT_MIN), max: formatAed(DEPOSIT_MAX) })}
          autofocus
          required
        />
        <div class="flex flex-wrap justify-end gap-2">
          <button type="button" class="btn-secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn-primary">
            {t('funds.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** After a refused submit: the first invalid field takes focus, so its error is read out and fixed first. */
function focusFirstInvalid(form: HTMLFormElement): void {
  queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
