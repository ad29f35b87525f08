/** Per request: the configuration, the deps (traced with D1_TRACE=on, for benchmarks), the clock, the shards. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import type { Deps } from '../deps';
import { configFor } from '../env';
import { tracedD1, tracedDeps } from '../db/trace';
import { shardAccess } from './session';

export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const trace = c.env.D1_TRACE === 'on' ? [] : null;
    c.set('config', configFor(c.env));
    c.set('deps', trace ? tracedDeps(deps, trace) : deps);
    c.set('now', deps.now());
    await shardAccess((d1, label) => (trace ? tracedD1(d1, trace, label) : d1))(c, next);
    if (trace) c.res.headers.set('X-D1-Trace', trace.join(','));
  };
}
