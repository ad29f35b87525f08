/** The problems a person reported about their top-ups, newest first (API.md "A top-up's story"). */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { answer, describe } from '../contract/describe';
import { ProblemListSchema } from '../contract/schemas';
import { problemsQuery, toApiProblem } from '../db/problems';
import { requireAuth } from '../middleware/session';

export const problemRoutes = new Hono<AppEnv>().get(
  '/',
  describe({ summary: 'Reported problems, newest first', tags: ['Top-ups'], signedIn: true, ok: { 200: answer('The problems', ProblemListSchema) }, errors: [] }),
  requireAuth,
  async (c) => {
    const { db, auth } = c.var;
    const [, rows] = await readAsUser(c.var, problemsQuery(db, auth.userId));
    return c.json({ items: rows.map(toApiProblem) }, 200);
  },
);
