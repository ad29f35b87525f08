import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { answer, describe } from '../contract/describe';
import { HealthSchema } from '../contract/schemas';

export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  describe({
    summary: 'Is the API up, and do its databases answer?',
    tags: ['Health'],
    signedIn: false,
    ok: { 200: answer('Up', HealthSchema), 503: answer('The database does not answer', HealthSchema) },
    errors: [],
  }),
  async (c) => {
    const version = c.var.config.version;
    try {
      await Promise.all([c.var.shards.directory, ...c.var.shards.all()].map((d1) => d1.prepare('SELECT 1').first()));
      return c.json({ ok: true, version, db: 'ok' as const }, 200);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'health: database did not answer', error: String(error) }));
      return c.json({ ok: false, version, db: 'error' as const }, 503);
    }
  },
);
