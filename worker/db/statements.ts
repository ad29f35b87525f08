/** A month's statement in one batch with the session check; the closing balance is the opening plus the items, so it always adds up. */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { beneficiaries, ledgerTransactions, topups, users } from './schema';
import { liveUser, meQuery } from './sessions';
import { COUNTED } from './topups';
import { toApiTransaction, transactionColumns } from './ledger';
import type { Auth } from '../auth/tokens';
import type { ApiStatement } from '../contract/types';
import { monthBounds, totalsOf } from '../domain/statement';
import type { CsvItem, Lang } from '../domain/statement-csv';
import { TIME_ZONE } from '../domain/money';

function itemsQuery(db: Db, userId: string, from: string, to: string) {
  return db
    .select({
      ...transactionColumns,
      phone: topups.phone,
      providerRef: topups.providerRef,
      nickname: beneficiaries.nickname,
    })
    .from(ledgerTransactions)
    .leftJoin(topups, eq(topups.id, ledgerTransactions.topupId))
    .leftJoin(beneficiaries, eq(beneficiaries.id, topups.beneficiaryId))
    .where(and(eq(ledgerTransactions.userId, userId), gte(ledgerTransactions.createdAt, from), lt(ledgerTransactions.createdAt, to)))
    .orderBy(asc(ledgerTransactions.seq));
}

function openingQuery(db: Db, userId: string, from: string) {
  return db
    .select({ balance: sql<number>`COALESCE(SUM(${ledgerTransactions.amount} - ${ledgerTransactions.fee}), 0)`.mapWith(Number) })
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.userId, userId), lt(ledgerTransactions.createdAt, from)));
}

function perBeneficiaryQuery(db: Db, userId: string, month: string) {
  return db
    .select({
      beneficiaryId: topups.beneficiaryId,
      nickname: beneficiaries.nickname,
      phone: beneficiaries.phone,
      count: sql<number>`COUNT(*)`.mapWith(Number),
      amount: sql<number>`SUM(${topups.amount})`.mapWith(Number),
      limit: sql<number>`MAX(${topups.beneficiaryLimit})`.mapWith(Number),
    })
    .from(topups)
    .innerJoin(beneficiaries, eq(beneficiaries.id, topups.beneficiaryId))
    .where(and(eq(topups.userId, userId), eq(topups.month, month), inArray(topups.status, [...COUNTED])))
    .groupBy(topups.beneficiaryId)
    .orderBy(sql`SUM(${topups.amount}) DESC`, topups.beneficiaryId);
}

export type Statement = { statement: ApiStatement; csvItems: CsvItem[]; lang: Lang };

export async function readStatement(w: { db: Db; auth: Auth; now: Date }, month: string): Promise<Statement> {
  const { db, auth, now } = w;
  const { from, to } = monthBounds(month);
  const [me, opening, rows, spend, lang] = await db.batch([
    meQuery(db, auth, now),
    openingQuery(db, auth.userId, from),
    itemsQuery(db, auth.userId, from, to),
    perBeneficiaryQuery(db, auth.userId, month),
    db.select({ lang: users.lang }).from(users).where(eq(users.id, auth.userId)),
  ]);
  liveUser(me);
  const openingBalance = opening[0]?.balance ?? 0;
  const items = rows.map(toApiTransaction);
  const statement: ApiStatement = {
    month,
    time_zone: TIME_ZONE,
    opening_balance: openingBalance,
    closing_balance: items.reduce((sum, i) => sum + i.amount - i.fee, openingBalance),
    totals: totalsOf(items),
    beneficiaries: spend.map((s) => ({ beneficiary_id: s.beneficiaryId, nickname: s.nickname, phone: s.phone, count: s.count, amount: s.amount, limit: s.limit })),
    items,
  };
  const csvItems: CsvItem[] = rows.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    amount: r.amount,
    fee: r.fee,
    balanceAfter: r.balanceAfter,
    status: items[i]!.status,
    createdAt: r.createdAt,
    nickname: r.nickname,
    phone: r.phone,
    providerRef: r.providerRef,
  }));
  return { statement, csvItems, lang: lang[0]?.lang ?? 'en' };
}
