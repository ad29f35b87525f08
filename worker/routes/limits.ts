/** This month's usage against the limits (Asia/Dubai calendar month). */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { answer, describe } from '../contract/describe';
import { LimitsSchema } from '../contract/schemas';
import { readLimits } from '../db/topups';
import { requireAuth } from '../middleware/session';

export const limitRoutes = new Hono<AppEnv>().get(
  '/',
  describe({ summary: "This month's usage against the limits", tags: ['Top-ups'], signedIn: true, ok: { 200: answer('The limits', LimitsSchema) }, errors: [] }),
  requireAuth,
  async (c) => c.json(await readLimits(c.var), 200),
);
