import { createSignal, Show } from 'solid-js';
import { formatAed } from '../../lib/format';
import { shareText } from '../../lib/receipt-share';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';
import { TopUpAgain } from './TopUpAgain';

type Props = { sent: boolean; final: boolean; headline: string; name: string; beneficiaryId: string; phone: string; amount: number; fee: number; time: string; reference: string };

/** Under a receipt: "Share" (Web Share, else copy) once sent, and "Top up again" once it is over (never while it waits: that would pay twice). */
export function ReceiptExtras(props: Props) {
  const [note, setNote] = createSignal('');
  const canRepeat = () => props.final && props.amount > 0 && !!wallet.view?.beneficiaries.some((b) => b.id === props.beneficiaryId && b.active);
  const share = async () => {
    const text = t('schedules.receiptText', {
      status: props.headline,
      name: props.name,
      phone: props.phone,
      amount: formatAed(props.amount),
      fee: formatAed(props.fee),
      total: formatAed(props.amount + props.fee),
      time: props.time,
      ref: props.reference,
    });
    const outcome = await shareText(props.headline, text);
    setNote(outcome === 'copied' ? t('schedules.copied') : outcome === 'failed' ? t('schedules.copyFailed') : '');
  };
  return (
    <div>
      <div class="flex flex-wrap gap-2">
        {/* Share only what was sent: a queued or refused top-up has no receipt worth sending anyone. */}
        <Show when={props.sent}>
          <button type="button" class="btn-secondary" onClick={() => void share()}>
            {t('schedules.share')}
          </button>
        </Show>
        <Show when={canRepeat()}>
          <TopUpAgain beneficiaryId={props.beneficiaryId} amount={props.amount} name={props.name} />
        </Show>
      </div>
      <p role="status" class="mt-2 text-sm font-medium empty:hidden">
        {note()}
      </p>
    </div>
  );
}
