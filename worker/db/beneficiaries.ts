/** Beneficiary queries. The active cap and phone uniqueness are enforced by SQL. */
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { beneficiaries } from './schema';
import type { Db } from './client';
import type { ApiBeneficiary } from '../contract/types';
import { likelyOperator } from '../domain/phone';

export type BeneficiaryRow = typeof beneficiaries.$inferSelect;

const live = (userId: string) => and(eq(beneficiaries.userId, userId), isNull(beneficiaries.deletedAt));

export function listBeneficiariesQuery(db: Db, userId: string) {
  return db
    .select()
    .from(beneficiaries)
    .where(live(userId))
    .orderBy(desc(beneficiaries.active), asc(beneficiaries.createdAt), asc(beneficiaries.id));
}

export function beneficiaryByIdQuery(db: Db, id: string) {
  return db.select().from(beneficiaries).where(eq(beneficiaries.id, id));
}

export function insertBeneficiary(
  db: Db,
  b: { id: string; userId: string; nickname: string; phone: string; active: boolean | undefined; cap: number; at: string },
) {
  // Unspecified `active` means: active while there is room, decided inside the batch.
  const active =
    b.active ??
    sql`(SELECT COUNT(*) < ${b.cap} FROM ${beneficiaries} WHERE ${beneficiaries.userId} = ${b.userId} AND ${beneficiaries.active} = 1 AND ${beneficiaries.deletedAt} IS NULL)`;
  return db
    .insert(beneficiaries)
    .values({ id: b.id, userId: b.userId, nickname: b.nickname, phone: b.phone, active, activeCap: b.cap, createdAt: b.at, updatedAt: b.at })
    .returning();
}

export function updateBeneficiary(db: Db, userId: string, id: string, changes: { nickname?: string; active?: boolean }, cap: number, at: string) {
  return db
    .update(beneficiaries)
    .set({ ...changes, activeCap: cap, updatedAt: at })
    .where(and(eq(beneficiaries.id, id), live(userId)))
    .returning();
}

export function deleteBeneficiary(db: Db, userId: string, id: string, at: string) {
  return db
    .update(beneficiaries)
    .set({ deletedAt: at, active: false, updatedAt: at })
    .where(and(eq(beneficiaries.id, id), live(userId)))
    .returning({ id: beneficiaries.id });
}

export function toApiBeneficiary(row: BeneficiaryRow, monthUsed: number, monthLimit: number): ApiBeneficiary {
  return {
    id: row.id,
    nickname: row.nickname,
    phone: row.phone,
    active: row.active,
    operator: likelyOperator(row.phone),
    month_used: monthUsed,
    month_limit: monthLimit,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** Rows with this month's usage (from monthUsageQuery) and the user's per-beneficiary limit. */
export function toApiBeneficiaries(rows: BeneficiaryRow[], usage: { beneficiaryId: string; used: number }[], monthLimit: number): ApiBeneficiary[] {
  const used = new Map(usage.map((u) => [u.beneficiaryId, u.used]));
  return rows.map((row) => toApiBeneficiary(row, used.get(row.id) ?? 0, monthLimit));
}
