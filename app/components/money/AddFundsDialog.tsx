import { DEPOSIT_MAX, DEPOSIT_MIN } from '../../../worker/domain/money';
import { formatAed } from '../../lib/format';
import { actions } from '../../state/actions';
import { AmountDialog } from './AmountDialog';
import { t } from '../../i18n';

/** "Add funds": fake money from the person's bank. */
export default function AddFundsDialog(props: { onClose: () => void }) {
  const range = { min: formatAed(DEPOSIT_MIN), max: formatAed(DEPOSIT_MAX) };
  return (
    <AmountDialog
      title={t('funds.title')}
      label={t('funds.amount')}
      hint={t('funds.hint', range)}
      submit={t('funds.submit')}
      min={DEPOSIT_MIN}
      max={DEPOSIT_MAX}
      words={{ missing: t('funds.missing'), invalid: t('funds.invalid'), range: t('funds.range', range) }}
      move={(fils) => actions.deposit(fils)}
      onClose={() => props.onClose()}
    />
  );
}
