import { type JSX, Show } from 'solid-js';
import type { ApiTransaction } from '../../../worker/contract/types';
import type { PendingMoney } from '../../offline/model';
import { formatAed, formatDateTime, formatSignedAed, formatWhen, walletMove } from '../../lib/format';
import { nicknameOf } from '../../state/wallet';
import { t } from '../../i18n';

const KIND_TEXT = { deposit: 'item.deposit', topup: 'item.topup', refund: 'item.refund', withdrawal: 'item.withdrawal', adjustment: 'item.adjustment' } as const;

function StatusText(props: { status: string }) {
  const tone = () =>
    props.status === 'failed'
      ? 'text-red-700 dark:text-red-300'
      : props.status === 'pending'
        ? 'text-amber-800 dark:text-amber-300'
        : 'text-slate-600 dark:text-slate-400';
  const text = () => t(props.status === 'failed' ? 'item.failed' : props.status === 'pending' ? 'item.processing' : 'item.completed');
  return <span class={`text-xs font-semibold ${tone()}`}>{text()}</span>;
}

function Row(props: { title: string; when: string; amount: number; fee?: number; status: JSX.Element; fullDate?: boolean }) {
  return (
    <li class="row">
      <div class="row-main">
        <p class="truncate font-medium">{props.title}</p>
        <p class="text-xs">
          <span class="muted">{props.fullDate ? formatDateTime(props.when) : formatWhen(props.when)}</span> · {props.status}
        </p>
      </div>
      <p class="row-amount">
        <span class={props.amount > 0 ? 'text-emerald-700 dark:text-emerald-300' : ''}>
          <bdi>{formatSignedAed(props.amount)}</bdi>
        </span>
        {props.fee ? <span class="muted block text-xs font-normal whitespace-normal">{t('item.inclFee', { fee: formatAed(Math.abs(props.fee)) })}</span> : null}
      </p>
    </li>
  );
}

/** One wallet movement, as the wallet moved (lib/format.ts walletMove). `fullDate`: always the date too (a statement). */
export function TransactionItem(props: { item: ApiTransaction; fullDate?: boolean }) {
  const title = () => {
    const name = props.item.beneficiary_id ? nicknameOf(props.item.beneficiary_id) : undefined;
    const kind = t(KIND_TEXT[props.item.kind]);
    return name && props.item.kind !== 'deposit' ? t('item.titleFor', { kind, name }) : kind;
  };
  return <Row title={title()} when={props.item.created_at} amount={walletMove(props.item)} fee={props.item.fee} status={<StatusText status={props.item.status} />} fullDate={props.fullDate} />;
}

/** A deposit, withdrawal or top-up waiting in the outbox. */
export function PendingItem(props: { item: PendingMoney }) {
  const title = () =>
    props.item.kind === 'topup'
      ? t('item.titleFor', { kind: t('item.topup'), name: nicknameOf(props.item.beneficiaryId ?? '') ?? t('item.someone') })
      : t(KIND_TEXT[props.item.kind]);
  const amount = () => (props.item.kind === 'deposit' ? props.item.amount : -(props.item.amount + props.item.fee));
  return <Row title={title()} when={props.item.createdAt} amount={amount()} fee={props.item.kind === 'deposit' ? 0 : props.item.fee} status={<span class="badge-pending">{t('common.pending')}</span>} />;
}

export function Empty(props: { children: string }) {
  return (
    <Show when={props.children}>
      <p class="muted py-3">{props.children}</p>
    </Show>
  );
}
