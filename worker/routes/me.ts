/** The signed-in user, and the simulated identity verification (KYC). */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { writeBatch } from '../db/batch';
import { liveUser, meQuery, toApiUser, userQuery } from '../db/session';
import { markVerified } from '../db/users';
import { refuse } from '../middleware/errors';
import { authOf } from '../middleware/session';

export const meRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await meQuery(c.var.db, authOf(c), c.var.now);
    return c.json({ user: toApiUser(liveUser(rows)) });
  })
  .post('/verification', async (c) => {
    if (!c.var.config.simulatedKyc) refuse('FORBIDDEN', 'Identity verification is not available here');
    const auth = authOf(c);
    const [, me] = await writeBatch(c, [markVerified(c.var.db, auth.userId), userQuery(c.var.db, auth.userId)]);
    return c.json({ user: toApiUser(liveUser(me)) });
  });
