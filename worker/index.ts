/**
 * The TopUp Worker: the /api routes (Hono) and the cron reconciler. Static assets
 * (the PWA) are served by Workers assets before this code runs.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from './app-env';
import { configFor, type Env } from './env';
import { createDb } from './db/client';
import { tracedD1, tracedDeps } from './db/trace';
import { apiHeaders, jsonBody, limitBody, sameOrigin, securityHeaders } from './middleware/request';
import { onError, onNotFound } from './middleware/errors';
import { requestLog } from './middleware/log';
import { readAuth, requireAuth } from './middleware/session';
import { idempotency } from './middleware/idempotency';
import { authRoutes } from './routes/auth';
import { meRoutes } from './routes/me';
import { walletRoutes } from './routes/wallet';
import { beneficiaryRoutes } from './routes/beneficiaries';
import { topupRoutes } from './routes/topups';
import { limitRoutes } from './routes/limits';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import { bootstrapRoutes } from './routes/bootstrap';
import { docsRoutes } from './routes/docs';
import { createSimulator } from './provider/simulator';
import { reconcilePending } from './reconcile';
import { pruneExpired } from './maintenance';

const PUBLIC = new Set(['/api/health', '/api/topups/options', '/api/auth/signup', '/api/auth/login']);

export const defaultDeps: Deps = { now: () => new Date(), provider: () => createSimulator() };

export function createApp(deps: Deps = defaultDeps) {
  const app = new Hono<AppEnv>();
  const api = new Hono<AppEnv>()
    .use(requestLog, apiHeaders, securityHeaders, limitBody)
    .use(async (c, next) => {
      const trace = c.env.D1_TRACE === 'on' ? [] : null;
      c.set('config', configFor(c.env));
      c.set('db', createDb(trace ? tracedD1(c.env.DB, trace) : c.env.DB));
      c.set('deps', trace ? tracedDeps(deps, trace) : deps);
      c.set('now', deps.now());
      await next();
      if (trace) c.res.headers.set('X-D1-Trace', trace.join(','));
    })
    .use(sameOrigin, readAuth)
    // Who is asking before what they sent: without a session the body is never parsed (401, not 400).
    .use(async (c, next) => (PUBLIC.has(c.req.path) ? next() : requireAuth(c, next)))
    .use(jsonBody, idempotency)
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    .route('/me', meRoutes)
    .route('/', walletRoutes)
    .route('/beneficiaries', beneficiaryRoutes)
    .route('/topups', topupRoutes)
    .route('/limits', limitRoutes)
    .route('/bootstrap', bootstrapRoutes)
    .route('/sync', syncRoutes((request, { env, ctx }) => Promise.resolve(app.fetch(request, env, ctx as ExecutionContext | undefined))));
  api.onError(onError);
  api.notFound(onNotFound);
  // Public and outside the API chain (no session, db or body; its own CSP): before the API's middleware.
  app.route('/api', docsRoutes(app));
  app.route('/api', api);
  // A sub-app's notFound is not used once it is mounted: unknown /api paths end here.
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    const vars = { config: configFor(env), db: createDb(env.DB), deps: defaultDeps };
    ctx.waitUntil(
      (async () => {
        await reconcilePending(vars);
        const pruned = await pruneExpired(vars.db, vars.deps.now());
        console.log(JSON.stringify({ level: 'info', msg: 'pruned expired records', ...pruned }));
      })(),
    );
  },
} satisfies ExportedHandler<Env>;
