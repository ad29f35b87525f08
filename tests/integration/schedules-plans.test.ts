/**
 * The schedule queries and the cron's scan use an index: EXPLAIN QUERY PLAN never
 * shows a full scan of a table that grows with users (as query-plans.test.ts does
 * for the rest). The cron's page is also checked to walk the partial index in order.
 */
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { createDb } from '../../worker/db/client';
import { advanceSchedule, deleteSchedulesOfBeneficiary, dueSchedulesPage, listSchedulesQuery, scheduleByIdQuery } from '../../worker/db/schedules';
import { settleLastRun } from '../../worker/db/topups';

// Every shard has the same schema: shard 0 stands for all.
const shard = env.SHARD_0!;
const db = createDb(shard);
type Query = { toSQL(): { sql: string; params: unknown[] } };
const run = { scheduleId: 's', userId: 'u', beneficiaryId: 'b', amount: 500, every: 'week' as const, startsAt: 'x', due: 'x' };

const QUERIES: Record<string, Query> = {
  listSchedules: listSchedulesQuery(db, 'u'),
  scheduleById: scheduleByIdQuery(db, 's'),
  duePage: dueSchedulesPage(db, '2026-12-01T00:00:00.000Z', null, 1000),
  duePageCursor: dueSchedulesPage(db, '2026-12-01T00:00:00.000Z', { nextRunAt: '2026-11-30T00:00:00.000Z', id: 's' }, 1000),
  advance: advanceSchedule(db, run, { nextRunAt: 'y', at: 'y', result: 'pending', code: null, topupId: 't' })[0],
  settleLastRun: settleLastRun(db, { id: 't', scheduleId: 's', status: 'completed', failureCode: null }),
  deleteWithBeneficiary: deleteSchedulesOfBeneficiary(db, 'u', 'b', 'y'),
};

const TRIGGER_LOOKUPS: Record<string, [string, unknown[]]> = {
  scheduleMatches: [`SELECT 1 FROM schedules WHERE id = ? AND user_id = ? AND beneficiary_id = ?`, ['s', 'u', 'b']],
};

async function plan(sql: string, params: unknown[]): Promise<string[]> {
  const result = await shard.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
  return result.results.map((row) => row.detail);
}

const fullScans = (details: string[]) => details.filter((d) => /^SCAN \w+$/.test(d.trim()) || /^SCAN \w+ \(/.test(d.trim()));

it('every schedule query and trigger lookup uses an index', async () => {
  const all: Record<string, [string, unknown[]]> = { ...TRIGGER_LOOKUPS };
  for (const [name, query] of Object.entries(QUERIES)) {
    const { sql, params } = query.toSQL();
    all[name] = [sql, params];
  }
  for (const [name, [sql, params]] of Object.entries(all)) {
    const details = await plan(sql, params);
    expect(fullScans(details), `${name}: ${details.join(' | ')}`).toEqual([]);
  }
});

it('the cron walks the partial index schedules_due in (next_run_at, id) order, no sort', async () => {
  const { sql, params } = QUERIES.duePageCursor!.toSQL();
  const details = await plan(sql, params);
  expect(details.join(' | ')).toMatch(/schedules_due/);
  expect(details.join(' | ')).not.toMatch(/TEMP B-TREE/);
});
