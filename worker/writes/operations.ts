/** An operator's writes (ADR 015): the audit record, and the customer's notification where the contract says, in the change's batch. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { adjustmentByIdQuery, adjustmentJson, decideAdjustment, insertAdjustment, toApiAdjustment, type AdjustmentRow } from '../db/adjustments';
import { insertAudit } from '../db/audit';
import { isAlreadySettled, runWrite, type Writer } from './run';
import { accountStatusNotification, problemUpdateNotification, topupSettledNotification, type NotificationWrite } from '../db/notifications';
import { deleteRole, roleJson, roleQuery, toApiRole, upsertRole } from '../db/operators';
import { toApiProblem, type ProblemRow } from '../db/problems';
import { problems, sessions, users } from '../db/schema';
import { toApiTopup, type TopupRow } from '../db/topups';
import { DomainError } from '../domain/errors';
import type { Operator, Role } from '../domain/roles';
import { keyOfTopup, settlementOf } from './topup';

type Item = BatchItem<'sqlite'>;

/** `announce`: queues a notice's pushes once its batch committed (results: that batch's, the notice's statements last). */
export type OperatorWriter = Writer & { operator: Operator; announce: (write: NotificationWrite, results: readonly unknown[]) => Promise<void> };

/** A top-up failed by an operator carries this failure_code. */
export const OPERATOR_FAILURE = 'OPERATOR_SETTLED';

export function setFrozen(w: OperatorWriter, id: string, frozen: boolean, reason: string) {
  const { db } = w;
  const at = w.now.toISOString();
  const notice = accountStatusNotification(db, id, frozen, at);
  return runWrite(w, async (batch) => {
    const results: readonly unknown[] = await batch([
      insertAudit(db, w.operator, at, {
        action: frozen ? 'user.freeze' : 'user.unfreeze',
        target: id,
        userId: id,
        reason,
        before: sql`(SELECT json_object('frozen', json(CASE WHEN frozen_at IS NULL THEN 'false' ELSE 'true' END)) FROM users WHERE id = ${id})`,
        after: JSON.stringify({ frozen }),
      }),
      // Freezing keeps the first moment it was frozen.
      db.update(users).set({ frozenAt: frozen ? sql`COALESCE(${users.frozenAt}, ${at})` : null }).where(eq(users.id, id)).returning({ id: users.id }),
      ...notice.statements,
    ] as unknown as Parameters<typeof batch>[0]);
    if ((results[1] as unknown[]).length !== 1) throw new Error('freeze: the customer row is missing on its shard');
    await w.announce(notice, results);
    return { status: 200 as const, body: { frozen } };
  });
}

export function endCustomerSessions(w: OperatorWriter, id: string, reason: string) {
  const { db } = w;
  const at = w.now.toISOString();
  const live = and(eq(sessions.userId, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, at));
  return runWrite(w, async (batch) => {
    const [, ended] = await batch([
      insertAudit(db, w.operator, at, {
        action: 'user.sessions.end',
        target: id,
        userId: id,
        reason,
        before: sql`json_object('live_sessions', (SELECT COUNT(*) FROM ${sessions} WHERE ${live}))`,
        after: JSON.stringify({ live_sessions: 0 }),
      }),
      db.update(sessions).set({ revokedAt: at }).where(live).returning({ id: sessions.id }),
    ]);
    return { status: 200 as const, body: { ended: ended.length } };
  });
}

export function settleTopup(w: OperatorWriter, pending: TopupRow, body: { outcome: 'completed' | 'failed'; provider_ref?: string | undefined; reason: string }) {
  const { db } = w;
  const id = pending.id;
  const at = w.now.toISOString();
  const answerOf = body.outcome === 'completed' ? { status: 'completed' as const, providerRef: body.provider_ref ?? `manual:${id}` } : { status: 'failed' as const, failureCode: OPERATOR_FAILURE };
  return runWrite(w, async (batch) => {
    // The customer's own key (or the run's) gets the settled answer too, as when the provider answers.
    const { row, statements } = settlementOf(db, pending, answerOf, keyOfTopup(pending), at);
    const notice = topupSettledNotification(db, row, at);
    try {
      // The record first: its `before` is the top-up as it was; the settlement after it refuses a settled one.
      const results: readonly unknown[] = await batch([
        insertAudit(db, w.operator, at, {
          action: 'topup.settle',
          target: id,
          userId: pending.userId,
          reason: body.reason,
          before: sql`(SELECT json_object('status', status) FROM topups WHERE id = ${id})`,
          after: JSON.stringify({ status: row.status, provider_ref: row.providerRef, failure_code: row.failureCode }),
        }),
        ...statements,
        ...notice.statements,
      ] as unknown as [Item, ...Item[]]);
      await w.announce(notice, results);
    } catch (error) {
      if (isAlreadySettled(error)) throw new DomainError('TOPUP_NOT_PENDING', 'This top-up was settled meanwhile');
      throw error;
    }
    return { status: 200 as const, body: { topup: toApiTopup(row) } };
  });
}

export function requestAdjustment(w: OperatorWriter, body: { user_id: string; amount: number; reason: string }) {
  const { db } = w;
  const at = w.now.toISOString();
  const id = crypto.randomUUID();
  return runWrite(w, async (batch) => {
    const [created] = await batch([
      insertAdjustment(db, { id, userId: body.user_id, amount: body.amount, reason: body.reason, by: w.operator.email, at }),
      insertAudit(db, w.operator, at, {
        action: 'adjustment.request',
        target: id,
        userId: body.user_id,
        reason: body.reason,
        before: null,
        after: JSON.stringify({ status: 'pending', amount: body.amount }),
      }),
    ]);
    return { status: 201 as const, body: { adjustment: toApiAdjustment(created[0]!) } };
  });
}

/** Approving applies the adjustment (a ledger transaction); the triggers in the batch refuse a second decision and a negative balance. */
export function decide(w: OperatorWriter, row: AdjustmentRow, status: 'applied' | 'rejected', reason: string) {
  const { db } = w;
  const at = w.now.toISOString();
  const action = status === 'applied' ? 'adjustment.approve' : 'adjustment.reject';
  return runWrite(w, async (batch) => {
    const results = await batch([
      insertAudit(db, w.operator, at, { action, target: row.id, userId: row.userId, reason, before: adjustmentJson(row.id), after: JSON.stringify({ status }) }),
      ...decideAdjustment(db, row, { status, by: w.operator.email, at }),
      adjustmentByIdQuery(db, row.id),
    ] as unknown as [Item, ...Item[]]);
    const decided = (results[results.length - 1] as AdjustmentRow[])[0]!;
    return { status: 200 as const, body: { adjustment: toApiAdjustment(decided) } };
  });
}

export function resolveProblem(w: OperatorWriter, current: ProblemRow, body: { resolution: string; reason: string }) {
  const { db } = w;
  const id = current.id;
  const at = w.now.toISOString();
  const notice = problemUpdateNotification(db, { userId: current.userId, problemId: id, topupId: current.topupId, status: 'resolved' }, at);
  return runWrite(w, async (batch) => {
    const results: readonly unknown[] = await batch([
      insertAudit(db, w.operator, at, {
        action: 'problem.resolve',
        target: id,
        userId: current.userId,
        reason: body.reason,
        before: sql`(SELECT json_object('status', status, 'resolution', resolution) FROM problems WHERE id = ${id})`,
        after: JSON.stringify({ status: 'resolved', resolution: body.resolution }),
      }),
      db.update(problems).set({ status: 'resolved', resolution: body.resolution, updatedAt: at }).where(eq(problems.id, id)).returning(),
      ...notice.statements,
    ] as unknown as Parameters<typeof batch>[0]);
    const row = (results[1] as ProblemRow[])[0];
    if (!row) throw new Error('problem vanished while it was resolved');
    await w.announce(notice, results);
    return { status: 200 as const, body: { problem: toApiProblem(row) } };
  });
}

export function putRole(w: OperatorWriter, email: string, role: Role, reason: string) {
  const { db } = w;
  const at = w.now.toISOString();
  return runWrite(w, async (batch) => {
    const [, , rows] = await batch([
      insertAudit(db, w.operator, at, { action: 'role.put', target: email, userId: null, reason, before: roleJson(email), after: JSON.stringify({ role }) }),
      upsertRole(db, { email, role, by: w.operator.email, at }),
      roleQuery(db, email),
    ]);
    return { status: 200 as const, body: { role: toApiRole(rows[0]!) } };
  });
}

export function removeRole(w: OperatorWriter, email: string, reason: string) {
  const { db } = w;
  const at = w.now.toISOString();
  return runWrite<null, 204>(w, async (batch) => {
    await batch([
      insertAudit(db, w.operator, at, { action: 'role.delete', target: email, userId: null, reason, before: roleJson(email), after: null }),
      deleteRole(db, email),
    ]);
    return { status: 204, body: null };
  });
}
