import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../app-env';

export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const version = c.var.config.version;
  try {
    await c.var.db.run(sql`SELECT 1`);
    return c.json({ ok: true, version, db: 'ok' });
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'health: database did not answer', error: String(error) }));
    return c.json({ ok: false, version, db: 'error' }, 503);
  }
});
