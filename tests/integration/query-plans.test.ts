/**
 * Every query the routes run uses an index: EXPLAIN QUERY PLAN must never show a
 * full scan of a table that grows with users (a `SCAN t` without an index).
 * The triggers' lookups are checked as the SELECTs they run.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../worker/db/client';
import { listBeneficiariesQuery, beneficiaryByIdQuery } from '../../worker/db/beneficiaries';
import { findKey } from '../../worker/writes/run';
import { transactionsPageQuery, walletBalanceQuery } from '../../worker/db/ledger';
import { meQuery } from '../../worker/db/sessions';
import { userQuery } from '../../worker/db/users';
import { monthUsageQuery, stalePendingQuery, topupByIdQuery, topupsPageQuery } from '../../worker/db/topups';

// Every shard has the same schema: shard 0 stands for all.
const shard = env.SHARD_0!;
const db = createDb(shard);
const auth = { userId: 'u1', sessionId: 's1', shard: 0 };
const now = new Date('2026-11-15T10:00:00.000Z');

type Query = { toSQL(): { sql: string; params: unknown[] } };

const QUERIES: Record<string, Query> = {
  meQuery: meQuery(db, auth, now),
  userQuery: userQuery(db, 'u1'),
  listBeneficiaries: listBeneficiariesQuery(db, 'u1'),
  beneficiaryById: beneficiaryByIdQuery(db, 'b1'),
  monthUsage: monthUsageQuery(db, 'u1', '2026-11'),
  topupsPage: topupsPageQuery(db, 'u1', 20, undefined, undefined),
  topupsPageCursor: topupsPageQuery(db, 'u1', 20, 100, undefined),
  topupsPageByBeneficiary: topupsPageQuery(db, 'u1', 20, 100, 'b1'),
  topupById: topupByIdQuery(db, 't1'),
  stalePending: stalePendingQuery(db, now.toISOString(), 50),
  transactionsPage: transactionsPageQuery(db, 'u1', 20, undefined),
  transactionsPageCursor: transactionsPageQuery(db, 'u1', 20, 100),
  walletBalance: walletBalanceQuery(db, 'u1'),
  idempotencyKey: findKey(db, 'user:u1', 'k'),
};

// What the triggers in migrations/0001_rules.sql (and 0002) look up on every write.
const TRIGGER_LOOKUPS: Record<string, [string, unknown[]]> = {
  sessionLive: [`SELECT 1 FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?`, ['s', 'u', 'x']],
  activeCount: [`SELECT COUNT(*) FROM beneficiaries WHERE user_id = ? AND active = 1 AND deleted_at IS NULL AND id <> ?`, ['u', 'b']],
  beneficiaryLive: [`SELECT 1 FROM beneficiaries WHERE id = ? AND user_id = ? AND deleted_at IS NULL AND active = 1`, ['b', 'u']],
  beneficiaryMonth: [`SELECT COALESCE(SUM(amount), 0) FROM topups WHERE beneficiary_id = ? AND month = ? AND status IN ('pending', 'completed')`, ['b', 'm']],
  userMonth: [`SELECT COALESCE(SUM(amount), 0) FROM topups WHERE user_id = ? AND month = ? AND status IN ('pending', 'completed')`, ['u', 'm']],
  loginFailures: [`SELECT COUNT(*) FROM login_failures WHERE email = ? AND at > ?`, ['e', 1]],
  userByEmail: [`SELECT id, password_hash FROM users WHERE email = ?`, ['e']],
};

async function plan(sql: string, params: unknown[]): Promise<string[]> {
  const result = await shard.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return result.results.map((row) => row.detail);
}

function fullScans(details: string[]): string[] {
  // "SCAN t" is a full table scan; "SCAN t USING (COVERING) INDEX" walks an index.
  return details.filter((d) => /^SCAN \w+$/.test(d.trim()) || /^SCAN \w+ \(/.test(d.trim()));
}

describe('query plans', () => {
  for (const [name, query] of Object.entries(QUERIES)) {
    it(`${name} uses indexes only`, async () => {
      const { sql, params } = query.toSQL();
      const details = await plan(sql, params);
      expect(details.length).toBeGreaterThan(0);
      expect(fullScans(details), `${sql}\n${details.join('\n')}`).toEqual([]);
    });
  }
  for (const [name, [sql, params]] of Object.entries(TRIGGER_LOOKUPS)) {
    it(`trigger lookup ${name} uses indexes only`, async () => {
      const details = await plan(sql, params);
      expect(fullScans(details), `${sql}\n${details.join('\n')}`).toEqual([]);
    });
  }
});
