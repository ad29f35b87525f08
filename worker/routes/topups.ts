/** Top-up options, top-ups (debit → provider → settle) and their history. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { OptionsSchema, ProblemResultSchema, TopupResultSchema, TopupStorySchema, TopupsPageSchema } from '../contract/schemas';
import { paginate } from '../db/ledger';
import { toApiTopup, topupsPageQuery } from '../db/topups';
import { timelineOf, topupLedgerQuery, userTopupQuery } from '../db/problems';
import { reportProblem } from '../writes/problems';
import { DomainError } from '../domain/errors';
import { TOPUP_AMOUNTS } from '../domain/money';
import { optionsOf } from '../env';
import { boundedString, documentedAs, fils, idempotent, json, jsonFor, pageQuery, query, reply } from '../middleware/exchange';
import { requireAuth } from '../middleware/session';
import { placeTopup } from '../writes/topup';

const TopupBody = (amounts: readonly number[]) =>
  v.object({
    beneficiary_id: v.pipe(boundedString(100, 'Must be a beneficiary id'), v.minLength(1, 'Must be a beneficiary id')),
    amount: v.pipe(
      fils(),
      v.check((n) => amounts.includes(n), `Must be one of ${amounts.join(', ')} (fils)`),
      v.description('One of the `amounts` of GET /api/topups/options.'),
      documentedAs({ enum: [...amounts] }),
    ),
  });

const ProblemBody = v.object({
  reason: v.picklist(['not_received', 'wrong_number', 'other'], 'Must be not_received, wrong_number or other'),
  message: v.optional(v.pipe(v.string('Must be text'), v.maxLength(500, 'Must be at most 500 characters'))),
});

const ListQuery = v.object({ ...pageQuery.entries, beneficiary_id: v.optional(boundedString(100)) });

export const topupRoutes = new Hono<AppEnv>()
  .get(
    '/options',
    describe({ summary: 'Top-up amounts, fee and limits', tags: ['Top-ups'], signedIn: false, ok: { 200: answer('The options', OptionsSchema) }, errors: [] }),
    (c) => c.json(optionsOf(c.var.config), 200),
  )
  .post(
    '/',
    describe({
      summary: 'Top up a beneficiary',
      description: 'Debits amount + fee atomically with every check, then sends it to the provider. Requires an Idempotency-Key.',
      tags: ['Top-ups'],
      signedIn: true,
      ok: { 201: answer('The top-up (completed, failed and refunded, or pending) and the balance after it', TopupResultSchema) },
      errors: [
        ...ANSWERS.keyedWrite,
        ...ANSWERS.validated,
        'NOT_FOUND',
        'BENEFICIARY_INACTIVE',
        'INSUFFICIENT_BALANCE',
        'BENEFICIARY_MONTHLY_LIMIT',
        'MONTHLY_LIMIT',
      ],
    }),
    requireAuth,
    idempotent({ required: true }),
    jsonFor((config) => TopupBody(config.amounts), TopupBody(TOPUP_AMOUNTS)),
    async (c) => reply(c, await placeTopup(c.var, c.req.valid('json'))),
  )
  .get(
    '/',
    describe({
      summary: 'Top-up history, newest first',
      tags: ['Top-ups'],
      signedIn: true,
      ok: { 200: answer('A page of top-ups', TopupsPageSchema) },
      errors: ANSWERS.validated,
    }),
    requireAuth,
    query(ListQuery),
    async (c) => {
      const { limit, cursor, beneficiary_id } = c.req.valid('query');
      const { db, auth } = c.var;
      const [, rows] = await readAsUser(c.var, topupsPageQuery(db, auth.userId, limit, cursor, beneficiary_id));
      const page = paginate(rows, limit);
      return c.json({ items: page.rows.map(toApiTopup), next_cursor: page.nextCursor }, 200);
    },
  )
  .get(
    '/:id',
    describe({
      summary: 'A top-up and what happened to it',
      description: '`timeline`, oldest first: debited, sent, then completed or failed and refunded (a pending top-up ends at sent). Another user’s top-up → 404.',
      tags: ['Top-ups'],
      signedIn: true,
      ok: { 200: answer('The top-up and its timeline', TopupStorySchema) },
      errors: ['NOT_FOUND'],
    }),
    requireAuth,
    async (c) => {
      const { db, auth } = c.var;
      const id = c.req.param('id');
      const [, rows, ledger] = await readAsUser(c.var, userTopupQuery(db, auth.userId, id), topupLedgerQuery(db, auth.userId, id));
      const topup = rows[0];
      if (!topup) throw new DomainError('NOT_FOUND', 'No such top-up');
      return c.json({ topup: toApiTopup(topup), timeline: timelineOf(topup, ledger) }, 200);
    },
  )
  .post(
    '/:id/problems',
    describe({
      summary: 'Report a problem with a top-up',
      description: 'One open problem per top-up: another → 409 DUPLICATE_PROBLEM. Another user’s top-up → 404.',
      tags: ['Top-ups'],
      signedIn: true,
      ok: { 201: answer('The problem, open', ProblemResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND', 'DUPLICATE_PROBLEM'],
    }),
    requireAuth,
    idempotent(),
    json(ProblemBody),
    async (c) => reply(c, await reportProblem(c.var, c.req.param('id'), c.req.valid('json'))),
  );
