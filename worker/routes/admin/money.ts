/** Money an operator moves, with its audit record in the same batch: settling a pending top-up, and adjustments a second operator approves. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../app-env';
import { ANSWERS, answer, describe } from '../../contract/describe';
import { AdjustmentListSchema, AdjustmentResultSchema, AdminTopupResultSchema } from '../../contract/admin-schemas';
import { adjustmentByIdQuery, adjustmentsQuery, toApiAdjustment } from '../../db/adjustments';
import { topupByIdQuery } from '../../db/topups';
import { DomainError } from '../../domain/errors';
import { boundedString, documentedAs, fils, idempotent, json, query, reply } from '../../middleware/exchange';
import { logOperatorAction, operatorScope, requireRole } from '../../middleware/operator';
import { everyShard, operatorWrite, Reason, ReasonBody, shardHolding, userShard, type OperatorContext } from './common';
import { decide as decideWrite, OPERATOR_FAILURE, requestAdjustment, settleTopup } from '../../writes/operations';

const TAGS = ['Operations'];
const MAX_ADJUSTMENT = 100_000;

const SettleBody = v.object({
  outcome: v.picklist(['completed', 'failed'], 'Must be completed or failed'),
  provider_ref: v.optional(v.pipe(v.string('Must be text'), v.trim(), v.minLength(1, 'Must not be empty'), v.maxLength(100, 'At most 100 characters'), documentedAs({ pattern: String.raw`\S` }))),
  reason: Reason,
});
const AdjustmentBody = v.object({
  user_id: v.pipe(boundedString(100, 'Must be a user id'), v.minLength(1, 'Must be a user id')),
  amount: v.pipe(
    fils(),
    v.check((n) => n !== 0 && Math.abs(n) <= MAX_ADJUSTMENT, `Must be a non-zero number of fils, at most ${MAX_ADJUSTMENT} either way`),
    documentedAs({ minimum: -MAX_ADJUSTMENT, maximum: MAX_ADJUSTMENT, not: { const: 0 } }),
  ),
  reason: Reason,
});
const ListQuery = v.object({ status: v.optional(v.picklist(['pending', 'applied', 'rejected'], 'Must be pending, applied or rejected')) });

export { OPERATOR_FAILURE };

async function decide(c: OperatorContext, status: 'applied' | 'rejected', reason: string) {
  const id = c.req.param('id')!;
  const { db } = await shardHolding(c, 'adjustments', id);
  const row = (await adjustmentByIdQuery(db, id))[0];
  if (!row) throw new DomainError('NOT_FOUND', 'No such adjustment');
  // Fast answers; the triggers in the batch below are what guarantee them under concurrency.
  if (row.status !== 'pending') throw new DomainError('ALREADY_DECIDED', 'This adjustment was already decided');
  if (status === 'applied' && row.requestedBy === c.var.operator.email) throw new DomainError('SAME_APPROVER', 'Another operator must approve this adjustment');
  const action = status === 'applied' ? 'adjustment.approve' : 'adjustment.reject';
  const outcome = await decideWrite(operatorWrite(c, db), row, status, reason);
  logOperatorAction(c, action, id, outcome.status);
  return outcome;
}

const decision = (approve: boolean) =>
  describe({
    summary: approve ? 'Approve an adjustment' : 'Reject an adjustment',
    description: approve
      ? 'Applies it: a ledger transaction of kind "adjustment". The requester cannot approve (403 SAME_APPROVER); a debit larger than the balance → 409 INSUFFICIENT_BALANCE; decided already → 409 ALREADY_DECIDED. Role: finance.'
      : 'Nothing moves. Decided already → 409 ALREADY_DECIDED. Role: finance.',
    tags: TAGS,
    signedIn: 'operator',
    ok: { 200: answer('The adjustment', AdjustmentResultSchema) },
    errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND', 'ALREADY_DECIDED', ...(approve ? (['SAME_APPROVER', 'INSUFFICIENT_BALANCE'] as const) : [])],
  });

export const adminTopupRoutes = new Hono<AppEnv>().post(
  '/:id/settle',
  describe({
    summary: 'Settle a pending top-up',
    description: 'As the provider would have: completed, or failed with amount and fee refunded. Not pending → 409 TOPUP_NOT_PENDING. Role: finance.',
    tags: TAGS,
    signedIn: 'operator',
    ok: { 200: answer('The settled top-up', AdminTopupResultSchema) },
    errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND', 'TOPUP_NOT_PENDING'],
  }),
  requireRole('finance'),
  idempotent({ required: true, scope: operatorScope }),
  json(SettleBody),
  async (c) => {
    const id = c.req.param('id');
    const body = c.req.valid('json');
    const { db, shard } = await shardHolding(c, 'topups', id);
    const pending = (await topupByIdQuery(db, id))[0];
    if (!pending) throw new DomainError('NOT_FOUND', 'No such top-up');
    if (pending.status !== 'pending') throw new DomainError('TOPUP_NOT_PENDING', 'This top-up is not pending');
    const outcome = await settleTopup(operatorWrite(c, db, shard), pending, body);
    logOperatorAction(c, 'topup.settle', id, outcome.status);
    return reply(c, outcome);
  },
);

export const adminAdjustmentRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({
      summary: 'Adjustments',
      description: '`status` filters; newest first, at most 100 per shard. Role: viewer.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 200: answer('The adjustments', AdjustmentListSchema) },
      errors: ANSWERS.validated,
    }),
    requireRole('viewer'),
    query(ListQuery),
    async (c) => {
      const { status } = c.req.valid('query');
      const pages = await Promise.all(everyShard(c).map(({ db }) => adjustmentsQuery(db, status, 100)));
      const items = pages.flat().sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
      return c.json({ items: items.map(toApiAdjustment) }, 200);
    },
  )
  .post(
    '/',
    describe({
      summary: 'Request an adjustment',
      description: '`amount`: a non-zero signed number of fils, at most 100,000 either way. Nothing moves until another operator approves it. Role: finance.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 201: answer('The pending adjustment', AdjustmentResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('finance'),
    idempotent({ required: true, scope: operatorScope }),
    json(AdjustmentBody),
    async (c) => {
      const body = c.req.valid('json');
      const { db } = await userShard(c, body.user_id);
      const outcome = await requestAdjustment(operatorWrite(c, db), body);
      logOperatorAction(c, 'adjustment.request', outcome.replayed ? '(replayed)' : outcome.body.adjustment.id, outcome.status);
      return reply(c, outcome);
    },
  )
  .post('/:id/approve', decision(true), requireRole('finance'), idempotent({ required: true, scope: operatorScope }), json(ReasonBody), async (c) =>
    reply(c, await decide(c, 'applied', c.req.valid('json').reason)),
  )
  .post('/:id/reject', decision(false), requireRole('finance'), idempotent({ required: true, scope: operatorScope }), json(ReasonBody), async (c) =>
    reply(c, await decide(c, 'rejected', c.req.valid('json').reason)),
  );
