/** A top-up's statements for the batches before and after the provider call (ADR 001), and the month's usage against the limits. */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { beneficiaries, schedules, topups, users } from './schema';
import { recordMovement, SYSTEM, walletId } from './ledger';
import { listBeneficiariesQuery } from './beneficiaries';
import { liveUser, meQuery } from './sessions';
import type { UserRow } from './users';
import type { Db } from './client';
import type { Auth } from '../auth/tokens';
import type { ApiLimits, ApiTopup } from '../contract/types';
import { beneficiaryLimit, dubaiMonth, TIME_ZONE, usage, type Limits } from '../domain/money';
import type { Config } from '../env';

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

/** A run's top-up settled: its schedule's last run says so, in the settlement's batch. */
export function settleLastRun(db: Db, topup: Pick<TopupRow, 'id' | 'scheduleId' | 'status' | 'failureCode'>) {
  return db
    .update(schedules)
    .set({ lastRunResult: topup.status, lastRunCode: topup.failureCode })
    .where(and(eq(schedules.id, topup.scheduleId ?? ''), eq(schedules.lastRunTopupId, topup.id)));
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

/** Per beneficiary, what counts against this month's limits (pending + completed). */
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

/** The limits view from rows read in one batch (shared with /api/bootstrap). */
export function limitsView(
  config: Config,
  month: string,
  user: UserRow,
  beneficiaries: { id: string }[],
  used: { beneficiaryId: string; used: number }[],
): ApiLimits {
  const perBeneficiary = beneficiaryLimit(config.limits, user.verified);
  const byId = new Map(used.map((u) => [u.beneficiaryId, u.used]));
  // The total counts every top-up of the month, deleted beneficiaries' included.
  const total = used.reduce((sum, u) => sum + u.used, 0);
  return {
    month,
    time_zone: TIME_ZONE,
    verified: user.verified,
    total: usage(total, config.limits.totalMonthly),
    beneficiaries: beneficiaries.map((b) => ({ id: b.id, ...usage(byId.get(b.id) ?? 0, perBeneficiary) })),
  };
}

export async function readLimits(r: { db: Db; auth: Auth; now: Date; config: Config }): Promise<ApiLimits> {
  const { db, auth, now, config } = r;
  const month = dubaiMonth(now);
  const [me, beneficiaries, used] = await db.batch([
    meQuery(db, auth, now),
    listBeneficiariesQuery(db, auth.userId),
    monthUsageQuery(db, auth.userId, month),
  ]);
  return limitsView(config, month, liveUser(me), beneficiaries, used);
}

/** `details` of a limit refusal: how much is left, overall and for the beneficiary. */
export async function limitDetails(r: { db: Db; auth: Auth; now: Date; config: Config }, beneficiaryId: string): Promise<Record<string, unknown>> {
  const limits = await readLimits(r);
  const beneficiary = limits.beneficiaries.find((b) => b.id === beneficiaryId);
  return {
    month: limits.month,
    total_remaining: limits.total.remaining,
    total_limit: limits.total.limit,
    beneficiary_remaining: beneficiary?.remaining ?? 0,
    beneficiary_limit: beneficiary?.limit ?? 0,
  };
}
