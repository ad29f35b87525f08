import { render } from 'solid-js/web';
import { formatAed } from '../../lib/format';
import { codeText } from '../../lib/errors';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';

/** "AED 50.00 added to your wallet." once the server has the deposit `key` ("Pending" shows on the balance until then). */
function depositNote(key: string): string {
  const refused = wallet.attention.find((a) => a.key === key);
  const done = wallet.results.find((r) => r.key === key);
  const intent = refused?.intent ?? done?.intent;
  if (intent?.type !== 'deposit') return '';
  const amount = formatAed(intent.amount);
  return refused ? t('notice.depositRefused', { amount, reason: codeText(refused.code) }) : t('notice.deposited', { amount });
}

let dispose: (() => void) | undefined;

/**
 * Beside "Add funds" on Home (its empty `#deposit-note`): the deposit made there, confirmed where
 * the person acted. Drawn from the dialog's chunk, so Home's first render carries none of it.
 */
export function showDepositNote(key: string): void {
  const at = document.getElementById('deposit-note');
  dispose?.();
  dispose = at ? render(() => <>{depositNote(key)}</>, at) : undefined;
}
