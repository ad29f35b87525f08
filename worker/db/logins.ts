/** Per-email throttle: an attempt is recorded as a failure before the password check, in the batch that counts, so parallel guesses cannot pass. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_LOGINS = 10;

export type LoginAttempt = {
  attemptId: number | null;
  retryAfterSeconds: number;
  user: { id: string; passwordHash: string } | null;
};

export async function beginLoginAttempt(d1: D1Database, email: string, nowMs: number): Promise<LoginAttempt> {
  const since = nowMs - LOGIN_WINDOW_MS;
  const [inserted, oldest, user] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO login_failures (email, at)
         SELECT ?1, ?2 WHERE (SELECT COUNT(*) FROM login_failures WHERE email = ?1 AND at > ?3) < ?4
         RETURNING id`,
      )
      .bind(email, nowMs, since, MAX_FAILED_LOGINS),
    d1.prepare(`SELECT MIN(at) AS oldest FROM login_failures WHERE email = ?1 AND at > ?2`).bind(email, since),
    d1.prepare(`SELECT id, password_hash AS passwordHash FROM users WHERE email = ?1`).bind(email),
  ]);
  const attemptId = (inserted?.results[0] as { id: number } | undefined)?.id ?? null;
  const oldestAt = (oldest?.results[0] as { oldest: number | null } | undefined)?.oldest ?? nowMs;
  return {
    attemptId,
    retryAfterSeconds: Math.max(1, Math.ceil((oldestAt + LOGIN_WINDOW_MS - nowMs) / 1000)),
    user: (user?.results[0] as LoginAttempt['user'] | undefined) ?? null,
  };
}

export function forgetAttempt(d1: D1Database, attemptId: number) {
  return d1.prepare(`DELETE FROM login_failures WHERE id = ?`).bind(attemptId);
}
