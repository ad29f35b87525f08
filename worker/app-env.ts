/** The Hono environment: bindings plus what middleware puts on c.var. Types only, from the layers below. */
import type { Config, Env } from './env';
import type { Db } from './db/client';
import type { RequestShards } from './db/shards';
import type { KeyClaim } from './writes/run';
import type { Deps } from './deps';
import type { Auth } from './auth/tokens';
import type { Operator } from './domain/roles';
import type { Announce } from './push/queue';

export type AppEnv = {
  Bindings: Env;
  Variables: {
    config: Config;
    /** The signed-in user's shard, opened by requireAuth; unusable before sign-in. */
    db: Db;
    /** The directory and the request's one shard session. */
    shards: RequestShards;
    deps: Deps;
    /** One clock reading per request: every row it writes carries the same time. */
    now: Date;
    /** Set by readAuth from a valid token; requireAuth narrows it for the routes that declare it. */
    auth: Auth | undefined;
    /** Set by idempotent() when the request carries a usable Idempotency-Key. */
    claim: KeyClaim | null | undefined;
    /** Queues the pushes of notifications this request's batches wrote on its shard (after the answer when it can). */
    announce: Announce;
    /** The JSON body once read (middleware/exchange.ts): `{ value: undefined }` when there was none. */
    json: { value: unknown } | undefined;
    /** The request's id (middleware/log.ts), also in X-Request-Id and in audit records. */
    requestId: string | undefined;
    /** The signed-in operator of an /api/admin request (middleware/operator.ts). */
    operator: Operator | undefined;
  };
};

/** What requireAuth guarantees to the handlers after it. */
export type SignedIn = { Variables: { auth: Auth } };
