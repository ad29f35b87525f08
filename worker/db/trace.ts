/** For `npm run bench` (D1_TRACE=on, never in wrangler.toml): a request's D1 round trips and provider calls, e.g. `shard1.batch(6):0.41ms,provider`. */
import type { Deps } from '../deps';

const ROUND_TRIPS = ['run', 'all', 'first', 'raw'] as const;

function traceStatement(statement: D1PreparedStatement, trace: string[], label: string): D1PreparedStatement {
  const target = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ROUND_TRIPS) {
    const original = target[method]!.bind(statement);
    target[method] = (...args: unknown[]) => {
      trace.push(`${label}query`);
      return original(...args);
    };
  }
  const bind = statement.bind.bind(statement);
  statement.bind = (...values: unknown[]) => traceStatement(bind(...values), trace, label);
  return statement;
}

export function tracedD1(d1: D1Database, trace: string[], database = ''): D1Database {
  const label = database ? `${database}.` : '';
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => traceStatement(target.prepare(query), trace, label);
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const index = trace.push(`${label}batch(${statements.length})`) - 1;
          const results = await target.batch(statements);
          const sqlMs = results.reduce((sum, r) => sum + (r.meta?.duration ?? 0), 0);
          trace[index] += `:${sqlMs.toFixed(2)}ms`;
          return results;
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function tracedDeps(deps: Deps, trace: string[]): Deps {
  return {
    ...deps,
    now: deps.now,
    provider: (config) => {
      const provider = deps.provider(config);
      return {
        send: (request) => {
          trace.push('provider');
          return provider.send(request);
        },
        lookup: (request) => provider.lookup(request),
      };
    },
  };
}
