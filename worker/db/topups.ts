/**
 * Top-ups move money in two batches around the provider call
 * (docs/decisions/001-atomic-topup.md):
 * 1. debitAndRecordTopup: claim the key, insert the pending top-up (triggers check
 *    the beneficiary and both monthly limits), debit amount + fee (CHECK keeps the
 *    wallet ≥ 0) and write the ledger: all or nothing.
 * 2. completeTopup or refundTopup: each starts with the status update, which a
 *    trigger allows only out of pending, so a top-up settles exactly once.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { beneficiaries, topups, users } from './schema';
import { recordMovement, SYSTEM, walletId } from './ledger';
import type { Db } from './client';
import type { ApiTopup } from '../contract/types';
import type { Limits } from '../domain/money';

export type TopupRow = typeof topups.$inferSelect;

export const COUNTED = ['pending', 'completed'] as const;

export function debitAndRecordTopup(
  db: Db,
  t: {
    topupId: string;
    transactionId: string;
    userId: string;
    beneficiaryId: string;
    amount: number;
    fee: number;
    month: string;
    key: string;
    limits: Limits;
    at: string;
    scheduleId: string | null;
  },
) {
  const { verified, unverified } = t.limits.beneficiaryMonthly;
  return [
    db
      .insert(topups)
      .values({
        id: t.topupId,
        userId: t.userId,
        beneficiaryId: t.beneficiaryId,
        phone: sql`COALESCE((SELECT ${beneficiaries.phone} FROM ${beneficiaries} WHERE ${beneficiaries.id} = ${t.beneficiaryId}), '')`,
        amount: t.amount,
        fee: t.fee,
        status: 'pending',
        month: t.month,
        beneficiaryLimit: sql`(SELECT CASE WHEN ${users.verified} = 1 THEN ${verified} ELSE ${unverified} END FROM ${users} WHERE ${users.id} = ${t.userId})`,
        totalLimit: t.limits.totalMonthly,
        idempotencyKey: t.key,
        createdAt: t.at,
        scheduleId: t.scheduleId,
      })
      .returning(),
    ...recordMovement(db, {
      transactionId: t.transactionId,
      userId: t.userId,
      kind: 'topup',
      topupId: t.topupId,
      amount: -t.amount,
      fee: t.fee,
      legs: [
        { accountId: walletId(t.userId), amount: -(t.amount + t.fee) },
        { accountId: SYSTEM.providerPayable, amount: t.amount },
        { accountId: SYSTEM.feeIncome, amount: t.fee },
      ],
      at: t.at,
    }),
  ] as const;
}

export function completeTopup(db: Db, topupId: string, providerRef: string, at: string) {
  return db
    .update(topups)
    .set({ status: 'completed', providerRef, completedAt: at })
    .where(eq(topups.id, topupId))
    .returning();
}

export function refundTopup(db: Db, topup: Pick<TopupRow, 'id' | 'userId' | 'amount' | 'fee'>, failureCode: string, transactionId: string, at: string) {
  return [
    db.update(topups).set({ status: 'failed', failureCode, completedAt: at }).where(eq(topups.id, topup.id)).returning(),
    ...recordMovement(db, {
      transactionId,
      userId: topup.userId,
      kind: 'refund',
      topupId: topup.id,
      amount: topup.amount,
      fee: -topup.fee,
      legs: [
        { accountId: walletId(topup.userId), amount: topup.amount + topup.fee },
        { accountId: SYSTEM.providerPayable, amount: -topup.amount },
        { accountId: SYSTEM.feeIncome, amount: -topup.fee },
      ],
      at,
    }),
  ] as const;
}

export function topupByIdQuery(db: Db, topupId: string) {
  return db.select().from(topups).where(eq(topups.id, topupId));
}

export function topupsPageQuery(db: Db, userId: string, limit: number, cursor: number | undefined, beneficiaryId: string | undefined) {
  return db
    .select()
    .from(topups)
    .where(
      and(
        eq(topups.userId, userId),
        beneficiaryId === undefined ? undefined : eq(topups.beneficiaryId, beneficiaryId),
        cursor === undefined ? undefined : lt(topups.seq, cursor),
      ),
    )
    .orderBy(desc(topups.seq))
    .limit(limit + 1);
}

/** Pending top-ups created before `before`, oldest first: what reconciliation settles. */
export function stalePendingQuery(db: Db, before: string, limit: number) {
  return db
    .select()
    .from(topups)
    .where(and(eq(topups.status, 'pending'), lt(topups.createdAt, before)))
    .orderBy(topups.createdAt)
    .limit(limit);
}

/** Per-beneficiary amounts counted this month for one user (pending + completed). */
export function monthUsageQuery(db: Db, userId: string, month: string) {
  return db
    .select({ beneficiaryId: topups.beneficiaryId, used: sql<number>`SUM(${topups.amount})`.mapWith(Number) })
    .from(topups)
    .where(and(eq(topups.userId, userId), eq(topups.month, month), inArray(topups.status, [...COUNTED])))
    .groupBy(topups.beneficiaryId);
}

export function toApiTopup(row: TopupRow): ApiTopup {
  return {
    id: row.id,
    beneficiary_id: row.beneficiaryId,
    phone: row.phone,
    amount: row.amount,
    fee: row.fee,
    status: row.status,
    failure_code: row.failureCode,
    provider_ref: row.providerRef,
    created_at: row.createdAt,
    completed_at: row.completedAt,
    schedule_id: row.scheduleId,
  };
}
