/**
 * What the screens can do, one function per action: every change (state/sync.ts: queued
 * through the outbox, shown at once, sent when possible) and signing in and out
 * (state/account.ts). Both load on first use, so the first screen paints without them (nor
 * the outbox and the API client they bring). `actions.topUp(…)` has topUp's own parameters
 * and resolves to its answer: no signature is written out twice.
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
