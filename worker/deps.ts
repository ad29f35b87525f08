/** What the Worker depends on from outside: injected so tests control time and the provider. */
import type { Config } from './env';
import type { TelecomProvider } from './provider/provider';

export type Deps = {
  now: () => Date;
  provider: (config: Config) => TelecomProvider;
};
