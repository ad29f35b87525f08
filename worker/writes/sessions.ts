/** Ending a session, and changing the password (which ends every other session). */
import { eq } from 'drizzle-orm';
import type { Config } from '../env';
import { hashPassword, verifyPassword } from '../auth/password';
import { beginLoginAttempt, MAX_FAILED_LOGINS } from '../db/logins';
import { loginFailures, users } from '../db/schema';
import { endOtherSessions, endUserSession, liveUser, meQuery } from '../db/sessions';
import { userQuery } from '../db/users';
import { DomainError } from '../domain/errors';
import { findKey, runWrite, type Outcome, type Writer } from './run';
import type { Auth } from '../auth/tokens';

type SignedIn = Writer & { auth: Auth };

/** Ending a session takes access away: a frozen user may still do it. */
export function endSession(w: SignedIn, id: string): Promise<Outcome<null, 204>> {
  return runWrite({ ...w, frozenOk: true }, async (batch) => {
    const [ended] = await batch([endUserSession(w.db, w.auth.userId, id, w.now)]);
    if (ended.length !== 1) throw new DomainError('NOT_FOUND', 'No such session');
    return { status: 204 as const, body: null };
  });
}

/** A wrong current password counts as a failed sign-in of the account (429 past the limit). */
export async function changePassword(w: SignedIn & { config: Config }, body: { current_password: string; new_password: string }): Promise<Outcome<null, 204>> {
  const { config, db, auth, now } = w;
  const me = liveUser(await meQuery(db, auth, now));
  if (w.claim && (await findKey(db, w.claim.scope, w.claim.key))) {
    // A repeat of a change made (the old password no longer verifies): the claim collides and replays the first
    // answer; had the record gone meanwhile, the claim commits nothing but itself and the refusal releases it.
    return runWrite<null, 204>(w, async (batch) => {
      await batch([userQuery(db, auth.userId)]);
      throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong');
    });
  }
  // The same accounting as a sign-in: recorded as a failure before the check, deleted on success.
  const attempt = await beginLoginAttempt(db.$client, me.email, now.getTime());
  if (attempt.attemptId === null) {
    throw new DomainError('RATE_LIMITED', `More than ${MAX_FAILED_LOGINS} failed sign-ins: try again later`, { retry_after_seconds: attempt.retryAfterSeconds });
  }
  const attemptId = attempt.attemptId;
  if (!attempt.user || !(await verifyPassword(body.current_password, attempt.user.passwordHash, config.pepper))) {
    throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong');
  }
  const passwordHash = await hashPassword(body.new_password, config.pepper, config.pbkdf2Iterations);
  return runWrite(w, async (batch) => {
    await batch([
      db.delete(loginFailures).where(eq(loginFailures.id, attemptId)),
      db.update(users).set({ passwordHash }).where(eq(users.id, auth.userId)),
      endOtherSessions(db, auth.userId, auth.sessionId, now),
    ]);
    return { status: 204 as const, body: null };
  });
}
