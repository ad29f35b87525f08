import { createSignal, Show } from 'solid-js';
import { Dialog } from '../../ui/Dialog';
import { Field, focusFirstInvalid } from '../../ui/Field';
import { parseAedToFils } from '../../../worker/domain/money';
import { latinDigits, submitOnce } from '../../lib/input';
import { showMoneyNote } from './MoneyNote';
import { t } from '../../i18n';

/** What was typed, in fils: Arabic-Indic and Persian digits and "٫" read as Latin (lib/input.ts). */
const filsOf = (text: string) => parseAedToFils(latinDigits(text));

/** Money between the person's bank and wallet (Add funds, Withdraw): checked as typed with the server's rules, then queued. */
export function AmountDialog(props: {
  title: string;
  label: string;
  hint: string;
  submit: string;
  min: number;
  max: number;
  words: { missing: string; invalid: string; range: string };
  /** A button that fills in `max` ("Withdraw everything"). */
  all?: string;
  /** Shown instead of the form when nothing can be moved. */
  empty?: string;
  move: (fils: number) => Promise<string>;
  onClose: () => void;
}) {
  const [amount, setAmount] = createSignal('');
  const [touched, setTouched] = createSignal(false);
  const check = (text: string): string | null => {
    if (!text.trim()) return props.words.missing;
    const fils = filsOf(text);
    if (fils === null) return props.words.invalid;
    return fils < props.min || fils > props.max ? props.words.range : null;
  };
  const error = () => (touched() ? check(amount()) : null);

  const submit = submitOnce(async (event: SubmitEvent) => {
    setTouched(true);
    const fils = filsOf(amount());
    if (check(amount()) || fils === null) return focusFirstInvalid(event.currentTarget as HTMLFormElement);
    const key = await props.move(fils);
    props.onClose();
    showMoneyNote(key);
  });

  return (
    <Dialog open onClose={() => props.onClose()} title={props.title}>
      <Show
        when={!props.empty}
        fallback={
          <>
            <p>{props.empty}</p>
            <div class="mt-4 flex justify-end">
              <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
                {t('common.cancel')}
              </button>
            </div>
          </>
        }
      >
        <form onSubmit={submit} noValidate class="space-y-4">
          <Field
            label={props.label}
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
            hint={props.hint}
            autofocus
            required
          />
          <div class="flex flex-wrap justify-end gap-2">
            <Show when={props.all}>
              <button type="button" class="btn-quiet me-auto" onClick={() => (setAmount((props.max / 100).toFixed(2)), setTouched(true))}>
                {props.all}
              </button>
            </Show>
            <button type="button" class="btn-secondary" onClick={() => props.onClose()}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="btn-primary">
              {props.submit}
            </button>
          </div>
        </form>
      </Show>
    </Dialog>
  );
}
