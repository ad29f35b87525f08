/** The TopUp Worker: the /api routes (each declares what applies to it, ADR 006), the cron and the queue consumers; Workers assets serve the PWA first. */
import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { defaultDeps, type Deps } from './deps';
import { type Env } from './env';
import { apiHeaders, limitBody, sameOrigin, securityHeaders } from './middleware/request';
import { onError, onNotFound } from './middleware/exchange';
import { requestLog } from './middleware/log';
import { BOOKMARK_HEADER, readAuth, requireAuth } from './middleware/session';
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
import { createJobs } from './jobs/index';
import { requestContext } from './middleware/context';
import { requestAnnouncer } from './middleware/announce';
import { notificationRoutes } from './routes/notifications';
import { pushKeyRoutes, pushSubscriptionRoutes } from './routes/push';

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
    .use(requestContext(deps))
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
  // The docs are outside the API's chain (routes/docs.ts says why): mounted first.
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

const jobs = createJobs();

export default {
  fetch: app.fetch,
  scheduled: jobs.scheduled!,
  queue: jobs.queue!,
} satisfies ExportedHandler<Env>;
