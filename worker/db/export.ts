/** Everything TopUp holds about a person, in one batch. No secrets: no password hash, passkey key or credential id, push endpoint or keys. */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { beneficiaries, ledgerTransactions, notifications, sessions, topups, users } from './schema';
import { liveUser, meQuery } from './sessions';
import { listPasskeys, toApiPasskey } from './passkeys';
import { listSchedulesQuery, toApiSchedule } from './schedules';
import { toApiTopup } from './topups';
import { toApiTransaction, transactionColumns } from './ledger';
import { problemsQuery, toApiProblem } from './problems';
import { listSubscriptionsQuery, toApiSubscription } from './push-subscriptions';
import { toApiNotification } from './notifications';
import { toApiUser } from './users';
import type { Auth } from '../auth/tokens';

function transactionsQuery(db: Db, userId: string) {
  return db
    .select(transactionColumns)
    .from(ledgerTransactions)
    .leftJoin(topups, eq(topups.id, ledgerTransactions.topupId))
    .where(eq(ledgerTransactions.userId, userId))
    .orderBy(asc(ledgerTransactions.seq));
}

export async function exportUserData(w: { db: Db; auth: Auth; now: Date }) {
  const { db, auth, now } = w;
  const id = auth.userId;
  const [me, lang, bens, scheds, tops, txs, sess, keys, probs, subs, notes] = await db.batch([
    meQuery(db, auth, now),
    db.select({ lang: users.lang }).from(users).where(eq(users.id, id)),
    db.select().from(beneficiaries).where(eq(beneficiaries.userId, id)).orderBy(asc(beneficiaries.createdAt), asc(beneficiaries.id)),
    listSchedulesQuery(db, id),
    db.select().from(topups).where(eq(topups.userId, id)).orderBy(asc(topups.seq)),
    transactionsQuery(db, id),
    db.select().from(sessions).where(eq(sessions.userId, id)).orderBy(desc(sessions.createdAt)),
    listPasskeys(db, id),
    problemsQuery(db, id),
    listSubscriptionsQuery(db, id),
    db.select().from(notifications).where(eq(notifications.userId, id)).orderBy(desc(notifications.seq)),
  ]);
  return {
    exported_at: now.toISOString(),
    user: { ...toApiUser(liveUser(me)), lang: lang[0]?.lang ?? 'en' },
    beneficiaries: bens.map((b) => ({
      id: b.id,
      nickname: b.nickname,
      phone: b.phone,
      active: b.active,
      created_at: b.createdAt,
      updated_at: b.updatedAt,
      deleted_at: b.deletedAt,
    })),
    schedules: scheds.map(toApiSchedule),
    topups: tops.map(toApiTopup),
    transactions: txs.map(toApiTransaction),
    sessions: sess.map((s) => ({
      id: s.id,
      method: s.method,
      user_agent: s.userAgent,
      created_at: s.createdAt,
      last_used_at: s.lastUsedAt,
      expires_at: s.expiresAt,
      ended_at: s.revokedAt,
    })),
    passkeys: keys.map(toApiPasskey),
    push_subscriptions: subs.map(toApiSubscription),
    notifications: notes.map(toApiNotification),
    problems: probs.map(toApiProblem),
  };
}
