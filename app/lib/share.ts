/**
 * Structural sharing: `next` with every part that equals the same part of
 * `prev` replaced by prev's object. Signals then only notify for what really
 * changed, and <For> keeps the DOM rows (and keyboard focus) of unchanged items.
 * Array items are matched by `id` or `key`. A few lines instead of solid-js/store.
 */
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

function keyOf(value: unknown): unknown {
  return isObject(value) ? (value.id ?? value.key) : undefined;
}

export function share<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const before: readonly unknown[] = prev;
    const byKey = new Map(before.map((item) => [keyOf(item), item]));
    const after: readonly unknown[] = next;
    const out = after.map((item, i) => {
      const key = keyOf(item);
      return share(key === undefined ? before[i] : byKey.get(key), item);
    });
    return (out.length === prev.length && out.every((item, i) => item === before[i]) ? prev : out) as T;
  }
  if (isObject(prev) && isObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Obj = {};
    for (const key of keys) {
      out[key] = share(prev[key], next[key]);
      if (out[key] !== prev[key]) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}
