import type { Accessor, JSX } from 'solid-js';
import { mapById } from '../lib/keyed';

/** Like <For>, but a row stays (with its focus) while its item's id does: see lib/keyed.ts. */
export function ForById<T extends { id: string }>(props: { each: readonly T[]; children: (item: Accessor<T>) => JSX.Element }) {
  // eslint-disable-next-line solid/reactivity -- the row function is called once per id, inside mapArray's own root
  const rows = mapById(() => props.each, (item) => props.children(item));
  return <>{rows()}</>;
}
