/** The Hono environment: bindings plus what middleware puts on c.var. */
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Config, Env } from './env';
import type * as schema from './db/schema';
import type { TelecomProvider } from './provider/provider';
import type { IdempotencyScope } from './middleware/idempotency';

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

/** What the app depends on from outside: injected so tests control time and the provider. */
export type Deps = {
  now: () => Date;
  provider: (config: Config) => TelecomProvider;
};

export type Auth = { userId: string; sessionId: string };

export type AppEnv = {
  Bindings: Env;
  Variables: {
    config: Config;
    db: Db;
    deps: Deps;
    /** One clock reading per request: every row it writes carries the same time. */
    now: Date;
    auth: Auth | undefined;
    idem: IdempotencyScope | undefined;
    /** The parsed JSON body of a write (undefined when the request had none). */
    body: unknown;
  };
};
