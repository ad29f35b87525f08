/** What the Worker depends on from outside: injected so tests control time, the provider and the push services. */
import type { Config } from './env';
import { createSimulator, type TelecomProvider } from './provider/provider';
import type { PushTransport } from './push/send';

export type Deps = {
  now: () => Date;
  provider: (config: Config) => TelecomProvider;
  /** Default: fetch. */
  push?: PushTransport;
};

export const defaultDeps: Deps = { now: () => new Date(), provider: () => createSimulator() };
