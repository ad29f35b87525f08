/**
 * Rows keyed by `id`: <For> keys by reference, and a confirmed change gives the item a new object, so its
 * row would be rebuilt and its focused element lost (the next key press going to <body>).
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
