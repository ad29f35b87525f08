import { WITHDRAWAL_MIN } from '../../../worker/domain/money';
import { formatAed } from '../../lib/format';
import { actions } from '../../state/actions';
import { wallet } from '../../state/wallet';
import { AmountDialog } from './AmountDialog';
import { t } from '../../i18n';

/** What the person may take: the balance as the screen shows it (queued changes included; the server checks it again). */
const available = () => Math.max(0, wallet.view?.balance ?? 0);

/** "Withdraw": money back to the person's bank, free. */
export default function WithdrawDialog(props: { onClose: () => void }) {
  return (
    <AmountDialog
      title={t('withdraw.title')}
      label={t('withdraw.amount')}
      hint={t('withdraw.hint', { max: formatAed(available()) })}
      submit={t('withdraw.submit')}
      min={WITHDRAWAL_MIN}
      max={available()}
      words={{ missing: t('withdraw.missing'), invalid: t('withdraw.invalid'), range: t('withdraw.range', { min: formatAed(WITHDRAWAL_MIN), max: formatAed(available()) }) }}
      all={t('withdraw.all')}
      empty={available() < WITHDRAWAL_MIN ? t('withdraw.empty') : undefined}
      move={(fils) => actions.withdraw(fils)}
      onClose={() => props.onClose()}
    />
  );
}
