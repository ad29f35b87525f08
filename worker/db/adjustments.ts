/** Money an operator moves, in two steps by two people: triggers refuse a second decision or self-approval, the wallet's CHECK an overdraft. */
import { desc, eq, sql } from 'drizzle-orm';
import { adjustments } from './schema';
import { recordMovement, SYSTEM, walletId } from './ledger';
import type { Db } from './client';

export type AdjustmentRow = typeof adjustments.$inferSelect;

export function insertAdjustment(db: Db, a: { id: string; userId: string; amount: number; reason: string; by: string; at: string }) {
  return db.insert(adjustments).values({ id: a.id, userId: a.userId, amount: a.amount, reason: a.reason, requestedBy: a.by, createdAt: a.at }).returning();
}

export function adjustmentByIdQuery(db: Db, id: string) {
  return db.select().from(adjustments).where(eq(adjustments.id, id));
}

export function adjustmentsQuery(db: Db, status: AdjustmentRow['status'] | undefined, limit: number) {
  return db
    .select()
    .from(adjustments)
    .where(status === undefined ? undefined : eq(adjustments.status, status))
    .orderBy(desc(adjustments.seq))
    .limit(limit);
}

/** The adjustment as JSON, read inside the batch (an audit record's `before`). */
export function adjustmentJson(id: string) {
  return sql`(SELECT json_object('status', status, 'amount', amount, 'user_id', user_id, 'requested_by', requested_by) FROM adjustments WHERE id = ${id})`;
}

/** Decides a pending adjustment (the triggers refuse anything else); `applied` also moves the money. */
export function decideAdjustment(db: Db, row: AdjustmentRow, d: { status: 'applied' | 'rejected'; by: string; at: string }) {
  const decide = db.update(adjustments).set({ status: d.status, decidedBy: d.by, decidedAt: d.at }).where(eq(adjustments.id, row.id)).returning();
  if (d.status === 'rejected') return [decide] as const;
  return [
    decide,
    ...recordMovement(db, {
      transactionId: crypto.randomUUID(),
      userId: row.userId,
      kind: 'adjustment',
      topupId: null,
      amount: row.amount,
      fee: 0,
      legs: [
        { accountId: walletId(row.userId), amount: row.amount },
        { accountId: SYSTEM.adjustments, amount: -row.amount },
      ],
      at: d.at,
    }),
  ] as const;
}

export function toApiAdjustment(row: AdjustmentRow) {
  return {
    id: row.id,
    user_id: row.userId,
    amount: row.amount,
    reason: row.reason,
    status: row.status,
    requested_by: row.requestedBy,
    decided_by: row.decidedBy,
    created_at: row.createdAt,
    decided_at: row.decidedAt,
  };
}
