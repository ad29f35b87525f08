import { render } from 'solid-js/web';
import { formatAed } from '../../lib/format';
import { codeText } from '../../lib/errors';
import { wallet } from '../../state/wallet';
import { t } from '../../i18n';

/** "AED 50.00 added to your wallet." once the server has the move (the balance says "Pending" until then). */
function moneyNote(key: string): string {
  const refused = wallet.attention.find((a) => a.key === key);
  const done = wallet.results.find((r) => r.key === key);
  const intent = refused?.intent ?? done?.intent;
  if (intent?.type !== 'deposit' && intent?.type !== 'withdraw') return '';
  const amount = formatAed(intent.amount);
  if (intent.type === 'withdraw') return refused ? t('notice.withdrawRefused', { amount, reason: codeText(refused.code) }) : t('notice.withdrawn', { amount });
  return refused ? t('notice.depositRefused', { amount, reason: codeText(refused.code) }) : t('notice.deposited', { amount });
}

let dispose: (() => void) | undefined;

/** Shown in Home's empty `#money-note`, where the person acted; drawn from the dialogs' chunks, off Home's first render. */
export function showMoneyNote(key: string): void {
  const at = document.getElementById('money-note');
  dispose?.();
  dispose = at ? render(() => <>{moneyNote(key)}</>, at) : undefined;
}
