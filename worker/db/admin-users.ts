/** What the operations console reads of customers (ADR 015): a search, one statement per shard, and one customer's page. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { accounts, ledgerTransactions, sessions, topups, users } from './schema';
import { walletId } from './ledger';
import type { Db } from './client';
import { timelineOf as customerTimeline } from './problems';
import { userColumns } from './users';

export const SEARCH_LIMIT = 50;

export type FoundUser = { id: string; email: string; name: string; shard: number; balance: number; frozen: boolean; closed: boolean; created_at: string };
type FoundRow = { id: string; email: string; name: string; balance: number; frozen: number; closed: number; created_at: string };

/** Users on one shard matching `q`: user id, email (exact), a top-up id or provider_ref, or a beneficiary's phone (E.164, or null). */
export async function searchShard(d1: D1Database, shard: number, q: { text: string; email: string; phone: string | null }): Promise<FoundUser[]> {
  const columns = `u.id, u.email, u.name, a.balance, u.frozen_at IS NOT NULL AS frozen, ${closedSql()} AS closed, u.created_at`;
  const from = `FROM users u JOIN accounts a ON a.id = 'wallet:' || u.id`;
  const { results } = await d1
    .prepare(
      `SELECT ${columns} ${from} WHERE u.id = ?1 OR u.email = ?2
       UNION SELECT ${columns} ${from} WHERE u.id IN (SELECT user_id FROM topups WHERE id = ?1 OR provider_ref = ?1)
       UNION SELECT ${columns} ${from} WHERE u.id IN (SELECT user_id FROM beneficiaries WHERE phone = ?3)
       ORDER BY created_at DESC LIMIT ${SEARCH_LIMIT}`,
    )
    .bind(q.text, q.email, q.phone)
    .all<FoundRow>();
  return results.map((r) => ({ ...r, shard, frozen: r.frozen === 1, closed: r.closed === 1 }));
}

/** Which shard holds a user (the directory), or null. */
export async function shardOfUser(directory: D1Database, userId: string): Promise<number | null> {
  const row = await directory.prepare(`SELECT shard FROM users_directory WHERE user_id = ? AND state = 'active'`).bind(userId).first<{ shard: number }>();
  return row?.shard ?? null;
}

export function adminUserQuery(db: Db, userId: string) {
  return db
    .select({ ...userColumns, frozenAt: users.frozenAt })
    .from(users)
    .innerJoin(accounts, eq(accounts.id, walletId(userId)))
    .where(eq(users.id, userId));
}

export const DETAIL_LIMIT = 50;

export function latestTopupsQuery(db: Db, userId: string) {
  return db.select().from(topups).where(eq(topups.userId, userId)).orderBy(desc(topups.seq)).limit(DETAIL_LIMIT);
}

/** The ledger rows of the user's latest top-ups (their debits and refunds), for the timelines. */
export function latestTopupLedgerQuery(db: Db, userId: string) {
  const latest = db.select({ id: topups.id }).from(topups).where(eq(topups.userId, userId)).orderBy(desc(topups.seq)).limit(DETAIL_LIMIT);
  return db
    .select({ topupId: ledgerTransactions.topupId, kind: ledgerTransactions.kind, amount: ledgerTransactions.amount, fee: ledgerTransactions.fee, createdAt: ledgerTransactions.createdAt })
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.userId, userId), inArray(ledgerTransactions.topupId, latest)));
}

/** Every session of the user that is still live. */
export function liveSessionsQuery(db: Db, userId: string, now: Date) {
  return db
    .select({ id: sessions.id, method: sessions.method, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.revokedAt} IS NULL`, sql`${sessions.expiresAt} > ${now.toISOString()}`))
    .orderBy(desc(sessions.createdAt));
}

export type TopupLedgerRow = Awaited<ReturnType<typeof latestTopupLedgerQuery>>[number];
type TopupRow = typeof topups.$inferSelect;
export type TimelineEvent = { at: string; event: 'debited' | 'sent' | 'completed' | 'failed' | 'refunded'; detail: string | number | null };

/** What happened to a top-up, oldest first: the customer's own timeline (db/problems.ts), from this page's ledger rows. */
export function timelineOf(topup: TopupRow, ledger: TopupLedgerRow[]): TimelineEvent[] {
  return customerTimeline(topup, ledger.filter((l) => l.topupId === topup.id));
}

/** The SQL of "this user is closed" (users aliased `u`). */
export function closedSql(): string {
  return 'u.closed_at IS NOT NULL';
}
