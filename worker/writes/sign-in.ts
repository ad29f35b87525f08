/** A successful sign-in's one batch: the session, `new_sign_in` to the user's other devices, (password) the failure record deleted. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginFailures } from '../db/schema';
import { insertSession, liveUser } from '../db/sessions';
import { userQuery, type UserRow } from '../db/users';
import { notificationInsert, pushesOf } from '../db/notifications';

type SignIn = { userId: string; method: 'password' | 'passkey'; userAgent: string | null; now: Date; attemptId?: number };

export async function openSession(db: Db, s: SignIn): Promise<{ row: UserRow; sessionId: string; pushes: string[] }> {
  const sessionId = crypto.randomUUID();
  const notice = notificationInsert(db, {
    userId: s.userId,
    kind: 'new_sign_in',
    data: { session_id: sessionId, method: s.method, user_agent: s.userAgent?.slice(0, 512) ?? null },
    at: s.now.toISOString(),
    exceptSession: sessionId,
  });
  const session = insertSession(db, { id: sessionId, userId: s.userId, now: s.now, method: s.method, userAgent: s.userAgent });
  const me = userQuery(db, s.userId);
  if (s.attemptId !== undefined) {
    const [, , row, , pushes] = await db.batch([db.delete(loginFailures).where(eq(loginFailures.id, s.attemptId)), session, me, ...notice.statements]);
    return { row: liveUser(row), sessionId, pushes: pushesOf([{ write: notice, result: pushes }]) };
  }
  const [, row, , pushes] = await db.batch([session, me, ...notice.statements]);
  return { row: liveUser(row), sessionId, pushes: pushesOf([{ write: notice, result: pushes }]) };
}
