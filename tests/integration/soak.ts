/**
 * The seed of the randomized tests: fixed under `npm test`, any other under
 * `npm run soak` (scripts/soak.mjs passes it in with vitest's `provide`; workerd
 * has no process.env of the host).
 */
import { inject } from 'vitest';

declare module 'vitest' {
  interface ProvidedContext {
    soak?: { seed: number; ops: number; users?: number; lanes?: number };
  }
}

export const soak = inject('soak');
export const FIXED_SEED = 20261130;
export const SEED = soak?.seed ?? FIXED_SEED;
