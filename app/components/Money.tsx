import { Show } from 'solid-js';
import { formatAed } from '../lib/format';

/** An amount in AED; "Pending" while it includes actions the server has not confirmed. */
export function Money(props: { fils: number; pending?: boolean; class?: string }) {
  return (
    <span class={props.class}>
      <span class="tabular-nums">{formatAed(props.fils)}</span>
      <Show when={props.pending}>
        {' '}
        <span class="badge-pending align-middle">Pending</span>
      </Show>
    </span>
  );
}
