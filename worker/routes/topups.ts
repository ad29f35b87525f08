/** Top-up options, top-ups (debit → provider → settle) and their history. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { ANSWERS, answer, describe } from '../contract/describe';
import { OptionsSchema, TopupResultSchema, TopupsPageSchema } from '../contract/schemas';
import { paginate } from '../db/ledger';
import { liveUser, meQuery } from '../db/sessions';
import { toApiTopup, topupsPageQuery } from '../db/topups';
import { TOPUP_AMOUNTS } from '../domain/money';
import { optionsOf } from '../env';
import { idempotent, reply } from '../middleware/idempotent';
import { requireAuth } from '../middleware/session';
import { boundedString, documentedAs, fils, jsonFor, pageQuery, query } from '../middleware/validate';
import { placeTopup } from '../topup';

// The amounts are configuration: the schema is built per deployment's configuration.
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
      const { db, now, auth } = c.var;
      const [me, rows] = await db.batch([meQuery(db, auth, now), topupsPageQuery(db, auth.userId, limit, cursor, beneficiary_id)]);
      liveUser(me);
      const page = paginate(rows, limit);
      return c.json({ items: page.rows.map(toApiTopup), next_cursor: page.nextCursor }, 200);
    },
  );
