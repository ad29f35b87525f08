/** Sign up, sign in, sign out. Sessions live in D1; the JWT names the session. */
import { Hono, type Context } from 'hono';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { signingKeys } from '../env';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password';
import { clearedSessionCookie, sessionCookie } from '../auth/cookie';
import { signToken } from '../auth/tokens';
import { writeBatch } from '../db/batch';
import { beginLoginAttempt, MAX_FAILED_LOGINS } from '../db/logins';
import { loginFailures } from '../db/schema';
import { liveUser, toApiUser, userQuery, type UserRow } from '../db/session';
import { insertSession, insertUserWithWallet, revokeSession } from '../db/users';
import { DomainError } from '../domain/errors';
import { errorResponse, refuse } from '../middleware/errors';
import { registerReplay } from '../middleware/idempotency';
import { authOf } from '../middleware/session';
import { parseBody } from '../middleware/validate';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

const Email = v.pipe(v.string('Must be an email address'), v.trim(), v.toLowerCase(), v.maxLength(254, 'Too long'), v.email('Must be an email address'));

const SignupBody = v.object({
  email: Email,
  password: v.pipe(v.string('Must be text'), v.minLength(8, 'Must be at least 8 characters'), v.maxLength(128, 'Must be at most 128 characters')),
  name: v.pipe(
    v.string('Must be text'),
    v.trim(),
    v.minLength(1, 'Name is required'),
    v.maxLength(100, 'Must be at most 100 characters'),
    v.regex(NO_CONTROL, 'Cannot contain control characters'),
    v.check((name) => name.isWellFormed(), 'Contains invalid characters'),
  ),
});

const LoginBody = v.object({
  email: v.pipe(v.string('Must be an email address'), v.trim(), v.toLowerCase(), v.maxLength(254, 'Too long')),
  password: v.pipe(v.string('Must be text'), v.maxLength(1024, 'Too long')),
});

/** Signs a token for a session the batch has just written, and sets the cookie. */
async function respondWithSession(c: Context<AppEnv>, row: UserRow, sessionId: string, status: 200 | 201, replayed = false) {
  const token = await signToken({ userId: row.id, sessionId }, signingKeys(c.var.config), c.var.now);
  c.header('Set-Cookie', sessionCookie(token));
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json({ user: toApiUser(row), token }, status);
}

export const authRoutes = new Hono<AppEnv>()
  .post('/signup', async (c) => {
    const body = parseBody(SignupBody, c.var.body);
    const { config, db, now } = c.var;
    const userId = crypto.randomUUID();
    const sessionId = crypto.randomUUID();
    const passwordHash = await hashPassword(body.password, config.pepper, config.pbkdf2Iterations);
    const at = now.toISOString();
    const [, , , me] = await writeBatch(
      c,
      [
        ...insertUserWithWallet(db, { id: userId, email: body.email, name: body.name, passwordHash, at }),
        insertSession(db, { id: sessionId, userId, now }),
        userQuery(db, userId),
      ],
      { session: false },
    );
    return respondWithSession(c, liveUser(me), sessionId, 201);
  })
  .post('/login', async (c) => {
    const body = parseBody(LoginBody, c.var.body);
    const { config, db, now } = c.var;
    const attempt = await beginLoginAttempt(db.$client, body.email, now.getTime());
    if (attempt.attemptId === null) {
      c.header('Retry-After', String(attempt.retryAfterSeconds));
      return errorResponse(
        c,
        new DomainError('RATE_LIMITED', `More than ${MAX_FAILED_LOGINS} failed sign-ins: try again later`, {
          retry_after_seconds: attempt.retryAfterSeconds,
        }),
      );
    }
    const ok = attempt.user
      ? await verifyPassword(body.password, attempt.user.passwordHash, config.pepper)
      : await burnPasswordCheck(body.password, config.pepper, config.pbkdf2Iterations);
    if (!ok || !attempt.user) refuse('INVALID_CREDENTIALS');
    const userId = attempt.user.id;
    const sessionId = crypto.randomUUID();
    const [, , me] = await db.batch([
      db.delete(loginFailures).where(eq(loginFailures.id, attempt.attemptId)),
      insertSession(db, { id: sessionId, userId, now }),
      userQuery(db, userId),
    ]);
    return respondWithSession(c, liveUser(me), sessionId, 200);
  })
  .post('/logout', async (c) => {
    const auth = authOf(c);
    await writeBatch(c, [revokeSession(c.var.db, auth.sessionId, c.var.now.toISOString())]);
    c.header('Set-Cookie', clearedSessionCookie());
    return c.body(null, 204);
  });

// A replayed signup must not store or return the first token: it gets a new session.
registerReplay(
  '/api/auth/signup',
  (body) => {
    const { user } = JSON.parse(body) as { user: unknown };
    return JSON.stringify({ user });
  },
  async (c, status, stored) => {
    const { user } = JSON.parse(stored) as { user: { id: string } };
    const sessionId = crypto.randomUUID();
    const { db, now } = c.var;
    const [, me] = await db.batch([insertSession(db, { id: sessionId, userId: user.id, now }), userQuery(db, user.id)]);
    return respondWithSession(c, liveUser(me), sessionId, status === 201 ? 201 : 200, true);
  },
);
