/**
 * Where a person is signed in, ending a session, changing the password (API.md
 * "Sessions and password"). Ending a session revokes its row: its token and cookie
 * fail the session check of every route from the next request on.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../app-env';
import { hashPassword, verifyPassword } from '../auth/password';
import { clearedSessionCookie } from '../auth/cookie';
import { ANSWERS, answer, describe } from '../contract/describe';
import { SessionListSchema } from '../contract/schemas';
import { beginLoginAttempt, MAX_FAILED_LOGINS } from '../db/logins';
import { loginFailures, users } from '../db/schema';
import { endOtherSessions, endUserSession, listLiveSessions, liveUser, meQuery } from '../db/sessions';
import { findKey, runWrite } from '../writes/run';
import { userQuery } from '../db/users';
import { DomainError } from '../domain/errors';
import { errorResponse } from '../middleware/errors';
import { idempotent, reply } from '../middleware/idempotent';
import { requireAuth } from '../middleware/session';
import { json } from '../middleware/validate';

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
      const { db, auth, now } = c.var;
      const [me, rows] = await db.batch([meQuery(db, auth, now), listLiveSessions(db, auth.userId, now)]);
      liveUser(me);
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
      const { db, auth, now } = c.var;
      const id = c.req.param('id');
      // Ending a session takes access away: a frozen user may still do it.
      const outcome = await runWrite({ ...c.var, frozenOk: true }, async (batch) => {
        const [ended] = await batch([endUserSession(db, auth.userId, id, now)]);
        if (ended.length !== 1) throw new DomainError('NOT_FOUND', 'No such session');
        return { status: 204 as const, body: null };
      });
      if (id === auth.sessionId) c.header('Set-Cookie', clearedSessionCookie());
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
    async (c) => {
      const { config, db, auth, now } = c.var;
      const body = c.req.valid('json');
      const me = liveUser(await meQuery(db, auth, now));
      if (c.var.claim && (await findKey(db, c.var.claim.scope, c.var.claim.key))) {
        // A repeat of a change already made: the old password no longer verifies, so the key's
        // claim decides. It collides and replays the first answer; should the record have gone
        // meanwhile, the claim commits nothing but itself and is released by the refusal.
        const replay = await runWrite<null, 204>(c.var, async (batch) => {
          await batch([userQuery(db, auth.userId)]);
          throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong');
        });
        return reply(c, replay);
      }
      // The same accounting as a sign-in: recorded as a failure before the check, deleted on success.
      const attempt = await beginLoginAttempt(db.$client, me.email, now.getTime());
      if (attempt.attemptId === null) {
        c.header('Retry-After', String(attempt.retryAfterSeconds));
        return errorResponse(c, new DomainError('RATE_LIMITED', `More than ${MAX_FAILED_LOGINS} failed sign-ins: try again later`, { retry_after_seconds: attempt.retryAfterSeconds }));
      }
      const attemptId = attempt.attemptId;
      if (!attempt.user || !(await verifyPassword(body.current_password, attempt.user.passwordHash, config.pepper))) {
        throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong');
      }
      const passwordHash = await hashPassword(body.new_password, config.pepper, config.pbkdf2Iterations);
      const outcome = await runWrite(c.var, async (batch) => {
        await batch([
          db.delete(loginFailures).where(eq(loginFailures.id, attemptId)),
          db.update(users).set({ passwordHash }).where(eq(users.id, auth.userId)),
          endOtherSessions(db, auth.userId, auth.sessionId, now),
        ]);
        return { status: 204 as const, body: null };
      });
      return reply(c, outcome);
    },
  );
