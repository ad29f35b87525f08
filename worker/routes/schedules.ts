/** Scheduled top-ups (auto top-up); the runs are made by the cron and the queue consumer (worker/jobs/), not here. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env';
import { readAsUser } from '../writes/read';
import { ANSWERS, answer, describe } from '../contract/describe';
import { ScheduleListSchema, ScheduleResultSchema } from '../contract/schemas';
import { listSchedulesQuery, toApiSchedule } from '../db/schedules';
import { addSchedule, changeSchedule, removeSchedule } from '../writes/schedules';
import { TOPUP_AMOUNTS } from '../domain/money';
import { EVERY } from '../domain/schedule';
import { boundedString, documentedAs, fils, idempotent, ISO_TIMESTAMP_PATTERN, jsonFor, uuid, reply } from '../middleware/exchange';
import { createOwned } from '../writes/owned-ids';
import { requireAuth } from '../middleware/session';

const Amount = (amounts: readonly number[]) =>
  v.pipe(fils(), v.check((n) => amounts.includes(n), `Must be one of ${amounts.join(', ')} (fils)`), v.description('One of the `amounts` of GET /api/topups/options.'), documentedAs({ enum: [...amounts] }));

const Every = v.pipe(v.picklist(EVERY, 'Must be "week" or "month"'), v.description('Every week (7 days) or every calendar month (Asia/Dubai).'));

const StartsAt = v.pipe(
  v.string('Must be an ISO 8601 timestamp'),
  v.isoTimestamp('Must be an ISO 8601 timestamp, e.g. 2026-12-01T09:00:00.000Z'),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'Must be an ISO 8601 timestamp, e.g. 2026-12-01T09:00:00.000Z'),
  v.description('When the first run is due (default: now): not more than 5 minutes in the past nor more than a year ahead.'),
  documentedAs({ format: undefined, pattern: ISO_TIMESTAMP_PATTERN }),
);

const CreateBody = (amounts: readonly number[]) =>
  v.object({
    id: v.optional(uuid),
    beneficiary_id: v.pipe(boundedString(100, 'Must be a beneficiary id'), v.minLength(1, 'Must be a beneficiary id')),
    amount: Amount(amounts),
    every: Every,
    starts_at: v.optional(StartsAt),
  });

const UpdateBody = (amounts: readonly number[]) =>
  v.object({
    amount: v.optional(Amount(amounts)),
    every: v.optional(Every),
    status: v.optional(v.picklist(['active', 'paused'], 'Must be "active" or "paused"')),
  });

const TAGS = ['Scheduled top-ups'];

export const scheduleRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe({ summary: 'List scheduled top-ups', tags: TAGS, signedIn: true, ok: { 200: answer('The schedules', ScheduleListSchema) }, errors: [] }),
    requireAuth,
    async (c) => {
      const { db, auth } = c.var;
      const [, rows] = await readAsUser(c.var, listSchedulesQuery(db, auth.userId));
      return c.json({ items: rows.map(toApiSchedule) }, 200);
    },
  )
  .post(
    '/',
    describe({
      summary: 'Schedule a top-up every week or month',
      description: 'With a client-supplied `id`, repeating the same body answers 200 with the same schedule.',
      tags: TAGS,
      signedIn: true,
      ok: { 201: answer('Created', ScheduleResultSchema), 200: answer('The same `id` and body again: the same schedule', ScheduleResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND', 'BENEFICIARY_INACTIVE', 'DUPLICATE_SCHEDULE', 'ID_CONFLICT'],
    }),
    requireAuth,
    idempotent(),
    jsonFor((config) => CreateBody(config.amounts), CreateBody(TOPUP_AMOUNTS)),
    async (c) => reply(c, await createOwned(c.var, 'schedule', c.req.valid('json'), (body) => addSchedule(c.var, body), (made) => made.schedule.id)),
  )
  .patch(
    '/:id',
    describe({
      summary: 'Change the amount or cadence, pause or resume a schedule',
      tags: TAGS,
      signedIn: true,
      ok: { 200: answer('The schedule', ScheduleResultSchema) },
      errors: [...ANSWERS.keyedWrite, ...ANSWERS.validated, 'NOT_FOUND'],
    }),
    requireAuth,
    idempotent(),
    jsonFor((config) => UpdateBody(config.amounts), UpdateBody(TOPUP_AMOUNTS)),
    async (c) => reply(c, await changeSchedule(c.var, c.req.param('id'), c.req.valid('json'))),
  )
  .delete(
    '/:id',
    describe({ summary: 'Delete a schedule', tags: TAGS, signedIn: true, ok: { 204: { description: 'Deleted' } }, errors: [...ANSWERS.keyedWrite, 'NOT_FOUND'] }),
    requireAuth,
    idempotent(),
    async (c) => reply(c, await removeSchedule(c.var, c.req.param('id'))),
  );
