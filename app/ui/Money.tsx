import { Show } from 'solid-js';
import { formatAed } from '../lib/format';
import { t } from '../i18n';

/** An amount in AED; "Pending" while it includes actions the server has not confirmed. */
export function Money(props: { fils: number; pending?: boolean; class?: string }) {
  return (
    <span class={props.class}>
      <bdi class="tabular-nums">{formatAed(props.fils)}</bdi>
      <Show when={props.pending}>
        {' '}
        <span class="badge-pending align-middle">{t('common.pending')}</span>
      </Show>
    </span>
  );
}
