import { type Env, configFor } from '../env';
import { defaultDeps, type Deps } from '../deps';
import { createDb } from '../db/client';
import { shardIds, shardBinding } from '../db/shards';
import { tracedD1, tracedDeps } from '../db/trace';
import { settleStaleTopups } from './settle-stale-topups';
import { pruneExpired } from './prune-expired';
import { enqueueDueSchedules } from './enqueue-due-schedules';
import { consumeRuns } from './consume-runs';
import { announcer, consumePushes, sweepPushes } from './send-pushes';
import { warnLowBalances } from './low-balance';

/** The cron (every shard) and the queue consumers (the message's shard), with injectable deps; D1_TRACE=on logs round trips. */
export function createJobs(deps: Deps = defaultDeps): Pick<ExportedHandler<Env>, 'scheduled' | 'queue'> {
  const varsOf = (env: Env, shard: number) => {
    const binding = shardBinding(env, shard);
    if (!binding) return null;
    const trace = env.D1_TRACE === 'on' ? [] : null;
    const vars = {
      config: configFor(env),
      db: createDb(trace ? tracedD1(binding, trace) : binding),
      deps: trace ? tracedDeps(deps, trace) : deps,
      announce: announcer(env.PUSHES, shard),
    };
    const started = Date.now();
    const cost = () => (trace ? { d1_round_trips: trace.filter((t) => t !== 'provider').length, ms: Date.now() - started } : {});
    return { vars, cost };
  };
  const log = (msg: string, fields: object) => console.log(JSON.stringify({ level: 'info', msg, ...fields }));
  return {
    scheduled(_controller, env, ctx) {
      // One shard's trouble must not stop the others: each is its own task.
      for (const shard of shardIds(env)) {
        const { vars, cost } = varsOf(env, shard)!;
        ctx.waitUntil(
          (async () => {
            // Scheduled runs first: they are due now; the rest is housekeeping.
            const enqueued = await enqueueDueSchedules(vars.db, env.SCHEDULE_RUNS, deps.now(), { shard });
            log('enqueued scheduled runs', { shard, ...enqueued, ...cost() });
            await settleStaleTopups(vars);
            log('warned of low balances', { shard, ...(await warnLowBalances(vars.db, deps.now(), vars.config.fee, vars.announce)) });
            log('swept pushes', { shard, ...(await sweepPushes(vars.db, deps.now(), vars.announce)) });
            log('pruned expired records', { shard, ...(await pruneExpired(vars.db, deps.now())) });
          })(),
        );
      }
      return Promise.resolve();
    },
    async queue(batch, env) {
      if (batch.queue.endsWith('-pushes')) {
        const report = await consumePushes((shard) => varsOf(env, shard)?.vars ?? null, batch, deps.push ?? ((request) => fetch(request)));
        log('sent pushes', { queue: batch.queue, ...report });
        return;
      }
      const opened = new Map<number, ReturnType<typeof varsOf>>();
      const report = await consumeRuns((shard) => {
        if (!opened.has(shard)) opened.set(shard, varsOf(env, shard));
        return opened.get(shard)?.vars ?? null;
      }, batch);
      const shards = [...opened].map(([shard, o]) => ({ shard, d1_round_trips: 0, ...o?.cost() }));
      const trips = shards.reduce((n, s) => n + (s.d1_round_trips ?? 0), 0);
      log('consumed scheduled runs', { queue: batch.queue, ...report, ...(env.D1_TRACE === 'on' ? { d1_round_trips: trips } : {}), shards });
    },
  };
}

