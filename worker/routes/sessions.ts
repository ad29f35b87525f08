/** Where a person is signed in, ending a session (its token fails from the next request on), changing the password. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { clearedSessionCookie } from '../auth/cookie';
import { ANSWERS, answer, describe } from '../contract/describe';
import { SessionListSchema } from '../contract/schemas';
import { listLiveSessions } from '../db/sessions';
import { idempotent, json, reply } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';
import { readAsUser } from '../writes/read';
import { changePassword, endSession } from '../writes/sessions';

const TAGS = ['Account'];

const PasswordBody = v.object({
  current_password: v.pipe(v.string('Must be text'), v.maxLength(1024, 'Too long')),
  new_password: v.pipe(v.string('Must be text'), v.minLength(8, 'Must be at least 8 characters'), v.maxLength(128, 'Must be at most 128 characters')),
});

export const sessionRoutes = new Hono<AppEnv>()
  .get(
    '/sessions',
    describe({ summary: 'Where the user is signed in', description: 'Live sessions only, newest first; `current` marks the one asking.', tags: TAGS, signedIn: true, ok: { 200: answer('Live sessions', SessionListSchema) }, errors: [] }),
    requireAuth,
    async (c) => {
      const { auth } = c.var;
      const [, rows] = await readAsUser(c.var, listLiveSessions(c.var.db, auth.userId, c.var.now));
      const items = rows.map((s) => ({ id: s.id, current: s.id === auth.sessionId, method: s.method, user_agent: s.userAgent, created_at: s.createdAt, last_used_at: s.lastUsedAt }));
      return c.json({ items }, 200);
    },
  )
  .delete(
    '/sessions/:id',
    describe({ summary: 'End a session', description: 'Its token and cookie stop working. Another user’s (or an ended) session → 404.', tags: TAGS, signedIn: true, ok: { 204: { description: 'Ended' } }, errors: [...ANSWERS.keyedWrite, 'NOT_FOUND'] }),
    requireAuth,
    idempotent(),
    async (c) => {
      const id = c.req.param('id');
      const outcome = await endSession(c.var, id);
      if (id === c.var.auth.sessionId) c.header('Set-Cookie', clearedSessionCookie());
      return reply(c, outcome);
    },
  )
  .post(
    '/password',
    describe({
      summary: 'Change the password',
      description: 'Every other session of the user ends; this one stays. A wrong `current_password` → 401 INVALID_CREDENTIALS and counts as a failed sign-in of the account (429 past the limit).',
      tags: TAGS,
      signedIn: true,
      ok: { 204: { description: 'Changed' } },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'INVALID_CREDENTIALS', 'RATE_LIMITED'],
    }),
    requireAuth,
    idempotent(),
    json(PasswordBody),
    async (c) => reply(c, await changePassword(c.var, c.req.valid('json'))),
  );
