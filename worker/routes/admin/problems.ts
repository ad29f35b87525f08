/** Problem reports (the customers' own), answered by support (API.md "Operations API"). */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../app-env';
import { ANSWERS, answer, describe } from '../../contract/describe';
import { AdminProblemListSchema, AdminProblemResultSchema } from '../../contract/admin-schemas';
import { problemByIdQuery, problemsByStatusQuery, problemsQuery, toApiProblem } from '../../db/problems';
import type { Db } from '../../db/client';
import { DomainError } from '../../domain/errors';
import { documentedAs, idempotent, json, query, reply } from '../../middleware/exchange';
import { logOperatorAction, operatorScope, requireRole } from '../../middleware/operator';
import { everyShard, operatorWrite, Reason, shardHolding } from './common';
import { resolveProblem } from '../../writes/operations';

export async function adminProblemsOfUser(db: Db, userId: string) {
  return (await problemsQuery(db, userId)).map(toApiProblem);
}

const ListQuery = v.object({ status: v.optional(v.picklist(['open', 'resolved'], 'Must be open or resolved')) });
const ResolveBody = v.object({
  status: v.pipe(v.literal('resolved', 'Must be "resolved"'), documentedAs({ type: 'string', enum: ['resolved'] })),
  resolution: v.pipe(v.string('Must be text'), v.trim(), v.minLength(1, 'Say what was done'), v.maxLength(500, 'At most 500 characters'), documentedAs({ pattern: String.raw`\S` })),
  reason: Reason,
});

export const adminProblemRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({
      summary: 'Problem reports',
      description: '`status` filters (open or resolved); newest first, at most 100 per shard. Role: viewer.',
      tags: ['Operations'],
      signedIn: 'operator',
      ok: { 200: answer('The problems, each with its user_id', AdminProblemListSchema) },
      errors: [...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('viewer'),
    query(ListQuery),
    async (c) => {
      const { status } = c.req.valid('query');
      const pages = await Promise.all(
        everyShard(c).map(({ db }) => problemsByStatusQuery(db, status, 100)),
      );
      const items = pages.flat().sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map((row) => ({ ...toApiProblem(row), user_id: row.userId }));
      return c.json({ items }, 200);
    },
  )
  .patch(
    '/:id',
    describe({
      summary: 'Answer a problem report',
      description: 'Resolves it with the operator’s answer (`resolution`), which the customer sees; they are notified (`problem_update`). Role: support.',
      tags: ['Operations'],
      signedIn: 'operator',
      ok: { 200: answer('The problem', AdminProblemResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireRole('support'),
    idempotent({ scope: operatorScope }),
    json(ResolveBody),
    async (c) => {
      const id = c.req.param('id');
      const body = c.req.valid('json');
      const { db, shard } = await shardHolding(c, 'problems', id);
      const current = (await problemByIdQuery(db, id))[0];
      if (!current) throw new DomainError('NOT_FOUND', 'No such problem');
      const outcome = await resolveProblem(operatorWrite(c, db, shard), current, body);
      logOperatorAction(c, 'problem.resolve', id, outcome.status);
      return reply(c, outcome);
    },
  );
