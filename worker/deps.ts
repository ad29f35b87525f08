/** What the Worker depends on from outside: injected so tests control time, the provider and the push services. */
import type { Config } from './env';
import type { TelecomProvider } from './provider/provider';
import { createSimulator } from './provider/simulator';
import type { PushTransport } from './push/send';

export type Deps = {
  now: () => Date;
  provider: (config: Config) => TelecomProvider;
  /** How a push request reaches a push service (default: fetch). */
  push?: PushTransport;
};

export const defaultDeps: Deps = { now: () => new Date(), provider: () => createSimulator() };
