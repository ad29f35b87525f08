/** GET /api/admin/overview for one shard: the counts an operator watches and scripts/audit-ledger.mjs's invariants, in one batch. */

export const STUCK_AFTER_MS = 5 * 60_000;

/** Midnight in Asia/Dubai (UTC+04:00, no daylight saving) of `now`'s day, as UTC ISO. */
export function dubaiDayStart(now: Date): string {
  const dubai = new Date(now.getTime() + 4 * 3_600_000);
  return new Date(Date.UTC(dubai.getUTCFullYear(), dubai.getUTCMonth(), dubai.getUTCDate()) - 4 * 3_600_000).toISOString();
}

const LEDGER_VIOLATIONS = [
  `SELECT COUNT(*) AS n FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING SUM(amount) <> 0)`,
  `SELECT COUNT(*) AS n FROM (SELECT SUM(amount) AS total FROM ledger_entries HAVING total <> 0)`,
  `SELECT COUNT(*) AS n FROM (SELECT a.id FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id GROUP BY a.id HAVING a.balance <> COALESCE(SUM(e.amount), 0))`,
  `SELECT COUNT(*) AS n FROM accounts WHERE kind = 'wallet' AND balance < 0`,
];

export async function shardOverview(d1: D1Database, shard: number, now: Date) {
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS).toISOString();
  const counts = d1
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM users) AS users,
         (SELECT COUNT(*) FROM topups WHERE status = 'pending') AS pending_topups,
         (SELECT COUNT(*) FROM topups WHERE status = 'pending' AND created_at < ?1) AS stuck_topups,
         (SELECT COUNT(*) FROM topups WHERE status = 'failed' AND completed_at >= ?2) AS failed_today,
         ${openProblemsSql()} AS open_problems,
         (SELECT COUNT(*) FROM adjustments WHERE status = 'pending') AS pending_adjustments`,
    )
    .bind(stuckBefore, dubaiDayStart(now));
  const [first, ...checks] = await d1.batch([counts, ...LEDGER_VIOLATIONS.map((q) => d1.prepare(q))]);
  const row = first!.results[0] as Record<string, number>;
  const violations = checks.reduce((sum, r) => sum + Number((r.results[0] as { n: number } | undefined)?.n ?? 0), 0);
  return {
    shard,
    users: row['users'] ?? 0,
    pending_topups: row['pending_topups'] ?? 0,
    stuck_topups: row['stuck_topups'] ?? 0,
    failed_today: row['failed_today'] ?? 0,
    open_problems: row['open_problems'] ?? 0,
    pending_adjustments: row['pending_adjustments'] ?? 0,
    ledger_ok: violations === 0,
  };
}

export function openProblemsSql(): string {
  return `(SELECT COUNT(*) FROM problems WHERE status = 'open')`;
}
