/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence of
 * operations, so a failing run can be replayed from the seed it prints. (The
 * interleaving of concurrent requests is the runtime's; the operations are not.)
 */
export type Rng = ReturnType<typeof prng>;

export function prng(seed: number) {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  function int(min: number, max: number): number {
    return min + Math.floor(next() * (max - min + 1));
  }
  function pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  function chance(p: number): boolean {
    return next() < p;
  }
  /** A key of `weights` chosen with probability proportional to its weight. */
  function weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) {
      roll -= w;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }
  return { next, int, pick, chance, weighted };
}
