/** Sign up, sign in, sign out. Sessions live in D1; the JWT names the session. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { signingKeys, type Config } from '../env';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/password';
import { clearedSessionCookie, sessionCookie } from '../auth/cookie';
import { signToken } from '../auth/tokens';
import { ANSWERS, answer, describe } from '../contract/describe';
import { SessionSchema } from '../contract/schemas';
import { signOut, signUp } from '../writes/account';
import { openSession } from '../writes/sign-in';
import { findByEmail, markActive, releaseEmail, reserveEmail, shardForUnknown } from '../db/directory';
import { shardIds, type RequestShards } from '../db/shards';
import type { Db } from '../db/client';
import { beginLoginAttempt, MAX_FAILED_LOGINS } from '../db/logins';
import { toApiUser, type UserRow } from '../db/users';
import { DomainError } from '../domain/errors';
import { errorResponse, reply, documentedAs, EMAIL_PATTERN, emailScope, idempotent, json, jsonOnly, trimmedTextPattern } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';
import { perClient } from '../middleware/rate-limit';
import { announceOn } from '../middleware/announce';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

const Email = v.pipe(
  v.string('Must be an email address'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'Too long'),
  v.email('Must be an email address'),
  documentedAs({ format: undefined, pattern: EMAIL_PATTERN }),
);

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
    documentedAs({ pattern: trimmedTextPattern(String.raw`\p{Cc}\p{Cs}`) }),
  ),
});

const LoginBody = v.object({
  email: v.pipe(v.string('Must be an email address'), v.trim(), v.toLowerCase(), v.maxLength(254, 'Too long')),
  password: v.pipe(v.string('Must be text'), v.maxLength(1024, 'Too long')),
});

/** Signs a token for a session the batch has just written on `shard`, and sets the cookie. */
export async function respondWithSession(c: Context, config: Config, now: Date, row: UserRow, session: { id: string; shard: number }, status: 200 | 201, replayed = false) {
  const token = await signToken({ userId: row.id, sessionId: session.id, shard: session.shard }, signingKeys(config), now);
  c.header('Set-Cookie', sessionCookie(token));
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json({ user: toApiUser(row), token }, status);
}

class UnboundShard extends Error {}

/** The shard the directory named: a shard it names and this deployment lacks is a misconfiguration, a 500. */
function shardDb(shards: RequestShards, shard: number): Db {
  const db = shards.use(shard);
  if (!db) throw new UnboundShard(`the directory names shard ${shard}, which is not bound (SHARD_${shard})`);
  return db;
}

/** A sign-up refusal that proves no user was written: the key is another body's, or the shard is not bound. */
const nothingWritten = (error: unknown) => (error instanceof DomainError && error.code === 'IDEMPOTENCY_KEY_REUSED') || error instanceof UnboundShard;

const TAGS = ['Authentication'];

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/signup',
    describe({
      summary: 'Create an account (and sign in)',
      description: 'Also sets the `__Host-` session cookie. An Idempotency-Key is scoped to the email; a replay gets a new session.',
      tags: TAGS,
      signedIn: false,
      ok: { 201: answer('The new user and a session token', SessionSchema) },
      sessionCookie: true,
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'EMAIL_TAKEN', 'RATE_LIMITED'],
    }),
    perClient(),
    idempotent({ scope: emailScope }),
    json(SignupBody),
    async (c) => {
      const { config, now, claim, shards } = c.var;
      const body = c.req.valid('json');
      const passwordHash = await hashPassword(body.password, config.pepper, config.pbkdf2Iterations);
      // The directory first: it owns the email's uniqueness and names the shard and id the user is built under (retries and races alike).
      const proposed = crypto.randomUUID();
      const entry = await reserveEmail(shards.directory, { email: body.email, userId: proposed, open: config.shardsOpen, at: now.toISOString() });
      let made: Awaited<ReturnType<typeof signUp>>;
      try {
        const db = shardDb(shards, entry.shard);
        made = await signUp({ db, now, claim }, { id: entry.userId, email: body.email, name: body.name, passwordHash, userAgent: c.req.header('User-Agent') ?? null });
      } catch (error) {
        // Refused before anything was written under the id this request reserved: give it back. Not for EMAIL_TAKEN or
        // IN_PROGRESS (a racing sign-up may be building this user) nor an unknown error (its batch may have committed).
        if (entry.userId === proposed && nothingWritten(error)) await releaseEmail(shards.directory, body.email, proposed);
        throw error;
      }
      if (entry.state === 'pending') await markActive(shards.directory, { email: body.email, userId: entry.userId, shard: entry.shard, at: now.toISOString() });
      return respondWithSession(c, config, now, made.row, { id: made.sessionId, shard: entry.shard }, 201, made.replayed);
    },
  )
  .post(
    '/login',
    describe({
      summary: 'Sign in with email and password',
      description: 'Also sets the `__Host-` session cookie. More than 10 failed sign-ins for one account within 15 minutes → 429 until the window passes.',
      tags: TAGS,
      signedIn: false,
      ok: { 200: answer('The user and a session token', SessionSchema) },
      sessionCookie: true,
      errors: [...ANSWERS.write, ...ANSWERS.validated, 'INVALID_CREDENTIALS', 'RATE_LIMITED'],
    }),
    perClient(),
    json(LoginBody),
    async (c) => {
      const body = c.req.valid('json');
      const { config, now, shards } = c.var;
      // The one directory query of a sign-in; an unknown email is throttled on a shard of its own too.
      const entry = await findByEmail(shards.directory, body.email);
      const shard = entry?.shard ?? shardForUnknown(body.email, shardIds(c.env));
      const db = shardDb(shards, shard);
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
      if (!ok || !attempt.user) throw new DomainError('INVALID_CREDENTIALS', 'Wrong email or password');
      const made = await openSession(db, { userId: attempt.user.id, method: 'password', userAgent: c.req.header('User-Agent') ?? null, now, attemptId: attempt.attemptId });
      await announceOn(c, shard)(made.pushes);
      return respondWithSession(c, config, now, made.row, { id: made.sessionId, shard }, 200);
    },
  )
  .post(
    '/logout',
    describe({ summary: 'Sign out: the session (token and cookie) ends', tags: TAGS, signedIn: true, ok: { 204: { description: 'Signed out' } }, errors: ANSWERS.write, sessionCookie: true }),
    requireAuth,
    jsonOnly,
    async (c) => {
      // Keys are ignored here: signing out is naturally repeatable.
      const outcome = await signOut({ ...c.var, claim: null });
      c.header('Set-Cookie', clearedSessionCookie());
      return reply(c, outcome);
    },
  );
