/** Your money and your data (ADR 012): the export of everything TopUp holds about the person, and closing the account. */
import { Hono } from 'hono';
import { resolver } from 'hono-openapi';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { verifyPassword } from '../auth/password';
import { clearedSessionCookie } from '../auth/cookie';
import { ANSWERS, describe } from '../contract/describe';
import { ExportSchema } from '../contract/schemas';
import { closeAccount, releaseFromDirectory } from '../writes/close-account';
import { exportUserData } from '../db/export';
import { beginLoginAttempt, MAX_FAILED_LOGINS } from '../db/logins';
import { liveUser, meQuery } from '../db/sessions';
import { DomainError } from '../domain/errors';
import { errorResponse, reply, idempotent, json } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';

const TAGS = ['Account'];

const CloseBody = v.object({ password: v.pipe(v.string('Must be text'), v.maxLength(1024, 'Too long')) });

export const accountDataRoutes = new Hono<AppEnv>()
  .get(
    '/export',
    describe({
      summary: 'Download everything TopUp holds about you',
      description: 'One JSON document, as an attachment. No password hash, no passkey keys, no push keys.',
      tags: TAGS,
      signedIn: true,
      ok: { 200: { description: 'The export', headers: { 'Content-Disposition': { schema: { type: 'string' } } }, content: { 'application/json': { schema: resolver(ExportSchema) } } } },
      errors: [],
    }),
    requireAuth,
    async (c) => {
      const data = await exportUserData(c.var);
      c.header('Content-Disposition', `attachment; filename="topup-data-${data.exported_at.slice(0, 10)}.json"`);
      return c.json(data, 200);
    },
  )
  .post(
    '/close',
    describe({
      summary: 'Close the account',
      description:
        'The balance must be zero (else 409 BALANCE_NOT_ZERO with `details.balance`) and no top-up pending (409 TOPUP_PENDING). ' +
        'A wrong password → 401 INVALID_CREDENTIALS and counts as a failed sign-in (429 past the limit). Every session ends; schedules and passkeys go; ' +
        'name, email and the beneficiaries’ numbers and nicknames are removed; the email is free for a new sign-up; the ledger keeps its amounts.',
      tags: TAGS,
      signedIn: true,
      ok: { 204: { description: 'Closed' } },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'INVALID_CREDENTIALS', 'RATE_LIMITED', 'BALANCE_NOT_ZERO', 'TOPUP_PENDING'],
    }),
    requireAuth,
    idempotent(),
    json(CloseBody),
    async (c) => {
      const { config, db, auth, now, shards } = c.var;
      const me = liveUser(await meQuery(db, auth, now));
      // The same accounting as a sign-in: recorded as a failure before the check, forgotten by the closing batch.
      const attempt = await beginLoginAttempt(db.$client, me.email, now.getTime());
      if (attempt.attemptId === null) {
        c.header('Retry-After', String(attempt.retryAfterSeconds));
        return errorResponse(c, new DomainError('RATE_LIMITED', `More than ${MAX_FAILED_LOGINS} failed sign-ins: try again later`, { retry_after_seconds: attempt.retryAfterSeconds }));
      }
      if (!attempt.user || !(await verifyPassword(c.req.valid('json').password, attempt.user.passwordHash, config.pepper))) {
        throw new DomainError('INVALID_CREDENTIALS', 'The password is wrong');
      }
      const outcome = await closeAccount(c.var, { email: me.email, attemptId: attempt.attemptId });
      await releaseFromDirectory(shards.directory, { email: me.email, userId: auth.userId });
      c.header('Set-Cookie', clearedSessionCookie());
      return reply(c, outcome);
    },
  );
