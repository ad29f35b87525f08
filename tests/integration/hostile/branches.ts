/**
 * A property whose interesting checks sit behind a branch (a 2xx, a refusal) is
 * only worth something if that branch runs: `track` counts the runs, `hit` counts
 * each branch, `expectEach` fails the property if a branch ran in fewer than 10%
 * of them (the generators are weighted so each one does, whatever the seed).
 */
import { expect } from 'vitest';

export const MIN_SHARE = 0.1;

export function branches<const N extends string>(...names: N[]) {
  const counts = new Map<N, number>(names.map((n) => [n, 0]));
  let runs = 0;
  return {
    track<A extends unknown[]>(predicate: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
      return (...args: A) => {
        runs++;
        return predicate(...args);
      };
    },
    hit(name: N): void {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
    expectEach(): void {
      const report = Object.fromEntries(counts);
      for (const [name, count] of counts) {
        expect(count, `branch "${name}" ran in ${count} of ${runs} runs (${JSON.stringify(report)})`).toBeGreaterThanOrEqual(Math.ceil(runs * MIN_SHARE));
      }
    },
    counts: () => ({ runs, ...Object.fromEntries(counts) }),
  };
}

export type Branches = ReturnType<typeof branches>;
