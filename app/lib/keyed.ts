/**
 * Rows keyed by `id`, not by object identity. Solid's <For> keys rows by
 * reference, and the store replaces an item's object whenever any field of it
 * changes (`share` in state/wallet.ts keeps only unchanged ones). So when the server confirms
 * a queued change (`pending` flips, timestamps become the server's), <For>
 * would throw the row away and build a new one: the element that had keyboard
 * focus leaves the page and a key press that follows goes to <body>. Here a row
 * lives as long as its id does and sees the item's latest version through an
 * accessor; only a new or removed id makes or drops a row.
 */
import { createMemo, mapArray, untrack, type Accessor } from 'solid-js';

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export function mapById<T extends { id: string }, U>(list: Accessor<readonly T[]>, row: (item: Accessor<T>, id: string) => U): Accessor<U[]> {
  const ids = createMemo(() => list().map((item) => item.id), [], { equals: sameIds });
  const byId = createMemo(() => new Map(list().map((item) => [item.id, item])));
  return mapArray(ids, (id) => {
    // Keeps the last version while the row is being dropped (its id is gone from the map first).
    // mapArray calls this only for ids in the list, so the first read finds the item.
    const item = createMemo<T>((last) => byId().get(id) ?? last, untrack(byId).get(id)!);
    // eslint-disable-next-line solid/reactivity -- the accessor itself is handed over, to be read in the row's own JSX
    return row(item, id);
  });
}
