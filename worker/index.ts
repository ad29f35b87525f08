/**
 * The TopUp Worker: the /api routes (Hono) and the cron jobs. Static assets (the
 * PWA) are served by Workers assets before this code runs. What applies to a route
 * (signed in or public, idempotent, its validators) is declared on the route itself.
 */
import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import type { Deps } from './deps';
import { configFor, type Env } from './env';
import { createDb } from './db/client';
import { shardIds, shardBinding } from './db/shards';
import { tracedD1, tracedDeps } from './db/trace';
import { apiHeaders, limitBody, sameOrigin, securityHeaders } from './middleware/request';
import { onError, onNotFound } from './middleware/errors';
import { requestLog } from './middleware/log';
import { readAuth, requireAuth } from './middleware/session';
import { BOOKMARK_HEADER, shardAccess } from './middleware/auth-shard';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { passkeyRoutes } from './routes/passkeys';
import { passkeySignInRoutes } from './routes/passkey-sign-in';
import { sessionRoutes } from './routes/sessions';
import { accountDataRoutes } from './routes/account-data';
import { statementRoutes } from './routes/statements';
import { problemRoutes } from './routes/problems';
import { walletRoutes } from './routes/wallet';
import { beneficiaryRoutes } from './routes/beneficiaries';
import { topupRoutes } from './routes/topups';
import { limitRoutes } from './routes/limits';
import { scheduleRoutes } from './routes/schedules';
import { healthRoutes } from './routes/health';
import { syncRoutes, type Dispatch } from './routes/sync';
import { bootstrapRoutes } from './routes/bootstrap';
import { adminRoutes } from './routes/admin/index';
import { docsRoutes } from './routes/docs';
import { createSimulator } from './provider/simulator';
import { settleStaleTopups } from './jobs/settle-stale-topups';
import { pruneExpired } from './jobs/prune-expired';
import { enqueueDueSchedules } from './jobs/enqueue-due-schedules';
import { consumeRuns } from './jobs/consume-runs';
import { announcer, consumePushes, sweepPushes } from './jobs/send-pushes';
import { warnLowBalances } from './jobs/low-balance';
import { requestAnnouncer } from './middleware/announce';
import { notificationRoutes } from './routes/notifications';
import { pushKeyRoutes, pushSubscriptionRoutes } from './routes/push';

export const defaultDeps: Deps = { now: () => new Date(), provider: () => createSimulator() };

export function createApp(deps: Deps = defaultDeps) {
  // /api/sync sends each action through the whole app, as if it came alone; the
  // outer answer's bookmark must cover the actions' writes.
  const dispatch: Dispatch = async (request, { env, ctx, observe }) => {
    const response = await app.fetch(request, env, ctx as ExecutionContext | undefined);
    observe?.(response.headers.get(BOOKMARK_HEADER));
    return response;
  };
  const api = new Hono<AppEnv>()
    .use(requestLog, apiHeaders, securityHeaders, limitBody)
    .use(async (c, next) => {
      const trace = c.env.D1_TRACE === 'on' ? [] : null;
      c.set('config', configFor(c.env));
      c.set('deps', trace ? tracedDeps(deps, trace) : deps);
      c.set('now', deps.now());
      await shardAccess((d1, label) => (trace ? tracedD1(d1, trace, label) : d1))(c, next);
      if (trace) c.res.headers.set('X-D1-Trace', trace.join(','));
    })
    .use(sameOrigin)
    // The operations API first: it never reads a customer's token or cookie (ADR 015).
    .route('/admin', adminRoutes)
    // A signed-in route opens its token's shard itself (requireAuth, ADR 013).
    .use(readAuth, requestAnnouncer)
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    .route('/auth/passkey', passkeySignInRoutes)
    .route('/me', meRoutes)
    .route('/me/passkeys', passkeyRoutes)
    .route('/me', sessionRoutes)
    .route('/me', accountDataRoutes)
    .route('/me/push-subscriptions', pushSubscriptionRoutes)
    .route('/push', pushKeyRoutes)
    .route('/notifications', notificationRoutes)
    .route('/', walletRoutes)
    .route('/beneficiaries', beneficiaryRoutes)
    .route('/topups', topupRoutes)
    .route('/limits', limitRoutes)
    .route('/schedules', scheduleRoutes)
    .route('/statements', statementRoutes)
    .route('/problems', problemRoutes)
    .route('/bootstrap', bootstrapRoutes)
    .route('/sync', syncRoutes(dispatch))
    // No route matched: who is asking still comes first (401 without a session, 404 with one).
    .all('*', requireAuth, onNotFound);
  api.onError(onError);
  // The docs are public and outside the API's chain (no session, db or body; their own CSP): mounted first.
  const app = new Hono<AppEnv>()
    // The docs touch no database: their answers carry the client's bookmark back, like every /api answer.
    .use('/api/*', async (c, next) => {
      await next();
      if (!c.res.headers.has(BOOKMARK_HEADER)) c.res.headers.set(BOOKMARK_HEADER, c.req.header(BOOKMARK_HEADER) ?? '');
    })
    .route('/api', docsRoutes())
    .route('/api', api);
  // Paths outside /api that reach the Worker.
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;

const app = createApp();

/**
 * The cron and the queue consumer, with injectable deps (tests control the clock and
 * the provider). Both run per shard: the cron visits every shard, a queue message
 * names the shard of its schedule. With D1_TRACE=on (benchmarks) each log line also
 * counts its D1 round trips.
 */
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

const jobs = createJobs();

export default {
  fetch: app.fetch,
  scheduled: jobs.scheduled!,
  queue: jobs.queue!,
} satisfies ExportedHandler<Env>;
