/** Schedule queries (ADR 008): a live active beneficiary, one schedule per beneficiary, one run per period are enforced by SQL in the batch. */
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { scheduleRunChecks, schedules } from './schema';
import type { Db } from './client';
import type { ApiSchedule } from '../contract/types';
import type { Every } from '../domain/schedule';

export type ScheduleRow = typeof schedules.$inferSelect;

const live = (userId: string) => and(eq(schedules.userId, userId), isNull(schedules.deletedAt));

export function listSchedulesQuery(db: Db, userId: string) {
  return db.select().from(schedules).where(live(userId)).orderBy(asc(schedules.createdAt), asc(schedules.id));
}

export function scheduleByIdQuery(db: Db, id: string) {
  return db.select().from(schedules).where(eq(schedules.id, id));
}

export function insertSchedule(db: Db, s: { id: string; userId: string; beneficiaryId: string; amount: number; every: Every; startsAt: string; at: string }) {
  return db
    .insert(schedules)
    .values({
      id: s.id,
      userId: s.userId,
      beneficiaryId: s.beneficiaryId,
      amount: s.amount,
      every: s.every,
      startsAt: s.startsAt,
      nextRunAt: s.startsAt,
      status: 'active',
      createdAt: s.at,
      updatedAt: s.at,
    })
    .returning();
}

/** A change guarded by the row as it was read (`seen`): a run or another change in between makes it match nothing. */
export function updateSchedule(
  db: Db,
  seen: Pick<ScheduleRow, 'id' | 'userId' | 'updatedAt' | 'nextRunAt'>,
  changes: { amount: number; every: Every; status: 'active' | 'paused'; nextRunAt: string; updatedAt: string },
) {
  return db
    .update(schedules)
    .set(changes)
    .where(and(eq(schedules.id, seen.id), live(seen.userId), eq(schedules.updatedAt, seen.updatedAt), eq(schedules.nextRunAt, seen.nextRunAt)))
    .returning();
}

export function deleteSchedule(db: Db, userId: string, id: string, at: string) {
  return db.update(schedules).set({ deletedAt: at, updatedAt: at }).where(and(eq(schedules.id, id), live(userId))).returning({ id: schedules.id });
}

/** Deleting a beneficiary deletes its schedule: a statement of the same batch. */
export function deleteSchedulesOfBeneficiary(db: Db, userId: string, beneficiaryId: string, at: string) {
  return db.update(schedules).set({ deletedAt: at, updatedAt: at }).where(and(eq(schedules.beneficiaryId, beneficiaryId), live(userId)));
}

/** What a run message promises about its schedule: the period it is for and the terms it was sent with. */
export type RunTerms = { scheduleId: string; userId: string; beneficiaryId: string; amount: number; every: Every; startsAt: string; due: string };

/** A run's first statements: record it and move to the next period only if the schedule is as the message says, else abort (SCHEDULE_CHANGED). */
export function advanceSchedule(
  db: Db,
  run: RunTerms,
  next: { nextRunAt: string; at: string; result: 'pending' | 'refused'; code: string | null; topupId: string | null },
) {
  return [
    db
      .update(schedules)
      .set({ nextRunAt: next.nextRunAt, lastRunAt: next.at, lastRunResult: next.result, lastRunCode: next.code, lastRunTopupId: next.topupId })
      .where(
        and(
          eq(schedules.id, run.scheduleId),
          eq(schedules.userId, run.userId),
          isNull(schedules.deletedAt),
          eq(schedules.status, 'active'),
          eq(schedules.nextRunAt, run.due),
          eq(schedules.beneficiaryId, run.beneficiaryId),
          eq(schedules.amount, run.amount),
          eq(schedules.every, run.every),
          eq(schedules.startsAt, run.startsAt),
        ),
      ),
    // changes() is the row count of the update just above, in the same transaction.
    db.insert(scheduleRunChecks).select(sql`SELECT ${run.scheduleId} WHERE changes() = 0`),
  ] as const;
}

/** One page of due active schedules, in (next_run_at, id) order after the cursor (keyset pagination). */
export function dueSchedulesPage(db: Db, now: string, after: { nextRunAt: string; id: string } | null, limit: number) {
  return db
    .select({
      id: schedules.id,
      userId: schedules.userId,
      beneficiaryId: schedules.beneficiaryId,
      amount: schedules.amount,
      every: schedules.every,
      startsAt: schedules.startsAt,
      nextRunAt: schedules.nextRunAt,
    })
    .from(schedules)
    .where(
      and(
        // Literal terms, as in the partial index schedules_due, so the planner can use it.
        sql`${schedules.status} = 'active' AND ${schedules.deletedAt} IS NULL`,
        lte(schedules.nextRunAt, now),
        after ? or(gt(schedules.nextRunAt, after.nextRunAt), and(eq(schedules.nextRunAt, after.nextRunAt), gt(schedules.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(schedules.nextRunAt), asc(schedules.id))
    .limit(limit);
}

export function toApiSchedule(row: ScheduleRow): ApiSchedule {
  return {
    id: row.id,
    beneficiary_id: row.beneficiaryId,
    amount: row.amount,
    every: row.every,
    starts_at: row.startsAt,
    next_run_at: row.nextRunAt,
    status: row.status,
    last_run:
      row.lastRunAt && row.lastRunResult
        ? { at: row.lastRunAt, result: row.lastRunResult, code: row.lastRunCode, topup_id: row.lastRunTopupId }
        : null,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
