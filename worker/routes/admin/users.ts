/** Operations on customers: search, a customer's page, freeze/unfreeze, end their sessions. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../app-env';
import { ANSWERS, answer, describe } from '../../contract/describe';
import { AdminUserDetailSchema, AdminUserListSchema, EndedSchema, FrozenSchema } from '../../contract/admin-schemas';
import {
  adminUserQuery,
  latestTopupLedgerQuery,
  latestTopupsQuery,
  liveSessionsQuery,
  SEARCH_LIMIT,
  searchShard,
  timelineOf,
} from '../../db/admin-users';
import { listBeneficiariesQuery, toApiBeneficiaries } from '../../db/beneficiaries';
import { toApiTransaction, transactionsPageQuery } from '../../db/ledger';
import { limitsView, monthUsageQuery, toApiTopup } from '../../db/topups';
import { listSchedulesQuery, toApiSchedule } from '../../db/schedules';
import { toApiUser } from '../../db/users';
import { DomainError } from '../../domain/errors';
import { beneficiaryLimit, dubaiMonth } from '../../domain/money';
import { normalizeUaeMobile } from '../../domain/phone';
import { adminProblemsOfUser } from './problems';
import { boundedString, documentedAs, idempotent, json, query, reply } from '../../middleware/exchange';
import { logOperatorAction, operatorScope, requireRole } from '../../middleware/operator';
import { everyShard, operatorWrite, ReasonBody, userShard, type OperatorContext } from './common';
import { endCustomerSessions, setFrozen as setFrozenWrite } from '../../writes/operations';

const TAGS = ['Operations'];
const SearchQuery = v.object({ q: v.pipe(boundedString(254, 'Say what to look for'), v.trim(), v.minLength(1, 'Say what to look for'), documentedAs({ pattern: String.raw`\S` })) });

async function setFrozen(c: OperatorContext, frozen: boolean, reason: string) {
  const id = c.req.param('id')!;
  const { db, shard } = await userShard(c, id);
  const outcome = await setFrozenWrite(operatorWrite(c, db, shard), id, frozen, reason);
  logOperatorAction(c, frozen ? 'user.freeze' : 'user.unfreeze', id, outcome.status);
  return outcome;
}

const freezeDescription = (frozen: boolean) =>
  describe({
    summary: frozen ? 'Freeze a customer' : 'Unfreeze a customer',
    description: frozen
      ? 'A frozen customer can sign in and read; every write of theirs (direct, in /api/sync, or a scheduled run) is refused with 403 ACCOUNT_FROZEN. Role: support.'
      : 'Their writes are accepted again. Role: support.',
    tags: TAGS,
    signedIn: 'operator',
    ok: { 200: answer('Whether the customer is now frozen', FrozenSchema) },
    errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
  });

export const adminUserRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({
      summary: 'Find customers',
      description: '`q`: an email (exact), a user id, a phone number in any accepted form, a top-up id or a provider_ref. Every shard is searched; at most 50. Role: viewer.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 200: answer('The customers found', AdminUserListSchema) },
      errors: ANSWERS.validated,
    }),
    requireRole('viewer'),
    query(SearchQuery),
    async (c) => {
      const text = c.req.valid('query').q;
      const terms = { text, email: text.toLowerCase(), phone: normalizeUaeMobile(text) };
      const found = await Promise.all(everyShard(c).map(({ shard, d1 }) => searchShard(d1, shard, terms)));
      const items = found.flat().sort((a, b) => (a.created_at < b.created_at ? 1 : -1)).slice(0, SEARCH_LIMIT);
      return c.json({ items }, 200);
    },
  )
  .get(
    '/:id',
    describe({
      summary: 'A customer’s page',
      description: 'Everything about one customer: balance, beneficiaries, schedules, the latest 50 top-ups (each with its timeline) and transactions, live sessions, limits, problems. Role: viewer.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 200: answer('The customer', AdminUserDetailSchema) },
      errors: ['NOT_FOUND'],
    }),
    requireRole('viewer'),
    async (c) => {
      const id = c.req.param('id');
      const { db } = await userShard(c, id);
      const { now, config } = c.var;
      const month = dubaiMonth(now);
      const [user, beneficiaries, used, schedules, topups, ledger, transactions, live] = await db.batch([
        adminUserQuery(db, id),
        listBeneficiariesQuery(db, id),
        monthUsageQuery(db, id, month),
        listSchedulesQuery(db, id),
        latestTopupsQuery(db, id),
        latestTopupLedgerQuery(db, id),
        transactionsPageQuery(db, id, 50, undefined),
        liveSessionsQuery(db, id, now),
      ]);
      const row = user[0];
      if (!row) throw new DomainError('NOT_FOUND', 'No such customer');
      return c.json(
        {
          user: toApiUser(row),
          frozen: row.frozenAt !== null,
          beneficiaries: toApiBeneficiaries(beneficiaries, used, beneficiaryLimit(config.limits, row.verified)),
          schedules: schedules.map(toApiSchedule),
          topups: topups.map((t) => ({ ...toApiTopup(t), timeline: timelineOf(t, ledger) })),
          transactions: transactions.slice(0, 50).map(toApiTransaction),
          sessions: live.map((s) => ({ id: s.id, method: s.method, user_agent: s.userAgent, created_at: s.createdAt, last_used_at: s.lastUsedAt })),
          limits: limitsView(config, month, row, beneficiaries, used),
          problems: await adminProblemsOfUser(db, id),
        },
        200,
      );
    },
  )
  .post('/:id/freeze', freezeDescription(true), requireRole('support'), idempotent({ scope: operatorScope }), json(ReasonBody), async (c) =>
    reply(c, await setFrozen(c, true, c.req.valid('json').reason)),
  )
  .post('/:id/unfreeze', freezeDescription(false), requireRole('support'), idempotent({ scope: operatorScope }), json(ReasonBody), async (c) =>
    reply(c, await setFrozen(c, false, c.req.valid('json').reason)),
  )
  .post(
    '/:id/sessions/end',
    describe({
      summary: 'End every session of a customer',
      description: 'Their tokens and cookies stop working at once. Role: support.',
      tags: TAGS,
      signedIn: 'operator',
      ok: { 200: answer('How many sessions ended', EndedSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('support'),
    idempotent({ scope: operatorScope }),
    json(ReasonBody),
    async (c) => {
      const id = c.req.param('id');
      const { db, shard } = await userShard(c, id);
      const outcome = await endCustomerSessions(operatorWrite(c, db, shard), id, c.req.valid('json').reason);
      logOperatorAction(c, 'user.sessions.end', id, outcome.status);
      return reply(c, outcome);
    },
  );
