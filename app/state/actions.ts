/**
 * What the screens can do (state/sync.ts, state/account.ts), loaded on first use: the first screen paints
 * without them. `actions.topUp(…)` has topUp's own parameters: no signature written twice (ADR 115).
 */
import type * as Sync from './sync';
import type * as Account from './account';

type Engine = typeof Sync & typeof Account;
type Lazy<M> = { readonly [K in keyof M]: M[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

const load = async (): Promise<Engine> => {
  const [sync, account] = await Promise.all([import('./sync'), import('./account')]);
  return { ...sync, ...account };
};

export const actions = new Proxy({} as Lazy<Engine>, {
  get:
    (_, name) =>
    async (...args: unknown[]) => {
      const run = (await load())[name as keyof Engine] as (...args: unknown[]) => unknown;
      return run(...args);
    },
});
