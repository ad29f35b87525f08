/**
 * The double-entry ledger (ADR 002): a movement's entries sum to zero; balances are caches updated in the same batch.
 * An entry is + when money enters an account: deposit wallet +A; top-up wallet −(A+F), provider_payable +A, fee_income +F;
 * refund the reverse; withdrawal wallet −A, bank_withdrawals +A; adjustment wallet ±A, adjustments ∓A. A transaction's
 * `amount` and `fee` are as the wallet sees them: it moves by amount − fee (top-up −2000/100, refund +2000/−100).
 */
import { desc, eq, and, lt, sql } from 'drizzle-orm';
import { accounts, ledgerEntries, ledgerTransactions, topups } from './schema';
import type { Db } from './client';
import type { ApiTransaction } from '../contract/types';

export function walletId(userId: string): string {
  return `wallet:${userId}`;
}

export const SYSTEM = {
  bankFunding: 'system:bank_funding',
  feeIncome: 'system:fee_income',
  providerPayable: 'system:provider_payable',
  bankWithdrawals: 'system:bank_withdrawals',
  /** The other side of operators' adjustments. */
  adjustments: 'system:adjustments',
} as const;

type Movement = {
  transactionId: string;
  userId: string;
  kind: 'deposit' | 'topup' | 'refund' | 'withdrawal' | 'adjustment';
  topupId: string | null;
  /** As the wallet sees them (the sign convention above). */
  amount: number;
  fee: number;
  /** Must sum to zero. */
  legs: { accountId: string; amount: number }[];
  at: string;
};

export function recordMovement(db: Db, m: Movement) {
  const total = m.legs.reduce((sum, leg) => sum + leg.amount, 0);
  if (total !== 0) throw new Error(`ledger movement ${m.kind} does not balance (${total})`);
  const wallet = walletId(m.userId);
  const cases = sql.join(
    m.legs.map((leg) => sql`WHEN ${leg.accountId} THEN ${leg.amount}`),
    sql` `,
  );
  const ids = sql.join(
    m.legs.map((leg) => sql`${leg.accountId}`),
    sql`, `,
  );
  return [
    // One UPDATE for all legs; the wallet's CHECK (balance >= 0) refuses an overdraft.
    db
      .update(accounts)
      .set({ balance: sql`${accounts.balance} + CASE ${accounts.id} ${cases} END` })
      .where(sql`${accounts.id} IN (${ids})`),
    db.insert(ledgerTransactions).values({
      id: m.transactionId,
      userId: m.userId,
      kind: m.kind,
      topupId: m.topupId,
      amount: m.amount,
      fee: m.fee,
      balanceAfter: sql`(SELECT balance FROM accounts WHERE id = ${wallet})`,
      createdAt: m.at,
    }),
    db.insert(ledgerEntries).values(m.legs.map((leg) => ({ transactionId: m.transactionId, accountId: leg.accountId, amount: leg.amount }))),
  ] as const;
}

export function walletBalanceQuery(db: Db, userId: string) {
  return db.select({ balance: accounts.balance }).from(accounts).where(eq(accounts.id, walletId(userId)));
}

/** What a transaction answer is made of (toApiTransaction): the ledger row and its top-up's beneficiary and status (join `topups`). */
export const transactionColumns = {
  seq: ledgerTransactions.seq,
  id: ledgerTransactions.id,
  kind: ledgerTransactions.kind,
  amount: ledgerTransactions.amount,
  fee: ledgerTransactions.fee,
  balanceAfter: ledgerTransactions.balanceAfter,
  beneficiaryId: topups.beneficiaryId,
  topupStatus: topups.status,
  createdAt: ledgerTransactions.createdAt,
};

export function transactionsPageQuery(db: Db, userId: string, limit: number, cursor: number | undefined) {
  return db
    .select(transactionColumns)
    .from(ledgerTransactions)
    .leftJoin(topups, eq(topups.id, ledgerTransactions.topupId))
    .where(and(eq(ledgerTransactions.userId, userId), cursor === undefined ? undefined : lt(ledgerTransactions.seq, cursor)))
    .orderBy(desc(ledgerTransactions.seq))
    .limit(limit + 1);
}

type TransactionRow = Awaited<ReturnType<typeof transactionsPageQuery>>[number];

export function toApiTransaction(row: TransactionRow): ApiTransaction {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    fee: row.fee,
    balance_after: row.balanceAfter,
    beneficiary_id: row.beneficiaryId,
    status: row.kind === 'topup' ? (row.topupStatus ?? 'pending') : 'completed',
    created_at: row.createdAt,
  };
}

/** Splits a `limit + 1` page into its items and the cursor of the next page. */
export function paginate<T extends { seq: number }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: String(page[page.length - 1]?.seq) };
}
