/** Reading across the whole deployment: the audit log and the overview per shard. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../app-env';
import { ANSWERS, answer, describe } from '../../contract/describe';
import { AuditPageSchema, OverviewSchema } from '../../contract/admin-schemas';
import { createDb } from '../../db/client';
import { auditPageQuery, decodeAuditCursor, mergeAuditPages, toApiAudit } from '../../db/audit';
import { shardOverview } from '../../db/overview';
import { DomainError } from '../../domain/errors';
import { requireRole } from '../../middleware/operator';
import { boundedString, documentedAs, query } from '../../middleware/exchange';
import { everyShard } from './common';

const AuditQuery = v.object({
  limit: v.pipe(
    v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'Must be an integer from 1 to 100'), v.transform(Number), v.minValue(1, 'Must be an integer from 1 to 100'), v.maxValue(100, 'Must be an integer from 1 to 100')),
      '50',
    ),
    documentedAs({ type: 'integer', minimum: 1, maximum: 100, pattern: undefined, default: 50 }),
  ),
  cursor: v.optional(boundedString(200, 'Not a valid cursor')),
  target: v.optional(v.pipe(boundedString(254), v.trim(), v.minLength(1, 'Must not be empty'), documentedAs({ pattern: String.raw`\S` }))),
});

export const adminOversightRoutes = new Hono<AppEnv>()
  .get(
    '/audit',
    describe({
      summary: 'The audit log',
      description: 'Every operator write, newest first, from the directory (roles) and every shard. `target`: a user id, top-up id, adjustment id, problem id or operator email. Records are never updated or deleted. Role: viewer.',
      tags: ['Operations'],
      signedIn: 'operator',
      ok: { 200: answer('One page of records', AuditPageSchema) },
      errors: ANSWERS.validated,
    }),
    requireRole('viewer'),
    query(AuditQuery),
    async (c) => {
      const { limit, cursor: text, target } = c.req.valid('query');
      const cursor = text === undefined ? null : decodeAuditCursor(text);
      if (text !== undefined && !cursor) throw new DomainError('VALIDATION_FAILED', 'Some query parameters are not valid', { fields: { cursor: 'Not a valid cursor' } });
      const databases = [createDb(c.var.shards.directory), ...everyShard(c).map((s) => s.db)];
      const pages = await Promise.all(databases.map((db) => auditPageQuery(db, { limit, cursor, target })));
      const page = mergeAuditPages(pages, limit);
      return c.json({ items: page.rows.map(toApiAudit), next_cursor: page.nextCursor }, 200);
    },
  )
  .get(
    '/overview',
    describe({
      summary: 'How each shard is doing',
      description: 'Per shard: users, pending top-ups, stuck ones (pending over 5 minutes), failures today (Asia/Dubai), open problems, pending adjustments, and whether the ledger invariants hold. Role: viewer.',
      tags: ['Operations'],
      signedIn: 'operator',
      ok: { 200: answer('The shards', OverviewSchema) },
      errors: [],
    }),
    requireRole('viewer'),
    async (c) => {
      const shards = await Promise.all(everyShard(c).map(({ shard, d1 }) => shardOverview(d1, shard, c.var.now)));
      return c.json({ shards }, 200);
    },
  );
