/**
 * The invariants checked with SQL once the workload is over, plus "probes": test-only
 * AFTER triggers (never in the migrations) that record what a user's active count,
 * a wallet's balance and a month's usage were after every committed write, so
 * "never more than 5 active", "never below zero" and "no limit ever passed" are
 * checked at every moment, not just at the end. A rolled-back batch rolls its probe
 * rows back too: they see exactly the states that existed.
 */
import { env } from 'cloudflare:test';
import { allShards } from '../shard-queries';
import { configFor } from '../../../worker/env';
import type { Limits } from '../../../worker/domain/money';

const COUNTED = `status IN ('pending', 'completed')`;

/** A user's configured per-beneficiary limit, by whether they are verified (at that moment: it only ever rises). */
const beneficiaryLimit = (limits: Limits, userId: string) =>
  `(SELECT CASE WHEN verified = 1 THEN ${limits.beneficiaryMonthly.verified} ELSE ${limits.beneficiaryMonthly.unverified} END FROM users WHERE id = ${userId})`;

const probes = (limits: Limits) => [
  `CREATE TABLE probe_active (user_id TEXT NOT NULL, active INTEGER NOT NULL)`,
  `CREATE TRIGGER probe_active_insert AFTER INSERT ON beneficiaries BEGIN
     INSERT INTO probe_active SELECT NEW.user_id, COUNT(*) FROM beneficiaries WHERE user_id = NEW.user_id AND active = 1 AND deleted_at IS NULL;
   END`,
  `CREATE TRIGGER probe_active_update AFTER UPDATE ON beneficiaries BEGIN
     INSERT INTO probe_active SELECT NEW.user_id, COUNT(*) FROM beneficiaries WHERE user_id = NEW.user_id AND active = 1 AND deleted_at IS NULL;
   END`,
  `CREATE TABLE probe_wallet (account_id TEXT NOT NULL, balance INTEGER NOT NULL)`,
  `CREATE TRIGGER probe_wallet AFTER UPDATE OF balance ON accounts WHEN NEW.kind = 'wallet' BEGIN
     INSERT INTO probe_wallet VALUES (NEW.id, NEW.balance);
   END`,
  `CREATE TABLE probe_limits (topup_id TEXT, beneficiary_used INTEGER, beneficiary_limit INTEGER, total_used INTEGER, total_limit INTEGER)`,
  // The configured limits (the workload's environment), never the ones the product wrote into the row: a row
  // written with a wrong limit must not carry its own excuse.
  `CREATE TRIGGER probe_limits AFTER INSERT ON topups BEGIN
     INSERT INTO probe_limits SELECT NEW.id,
       (SELECT SUM(amount) FROM topups WHERE beneficiary_id = NEW.beneficiary_id AND month = NEW.month AND ${COUNTED}),
       ${beneficiaryLimit(limits, 'NEW.user_id')},
       (SELECT SUM(amount) FROM topups WHERE user_id = NEW.user_id AND month = NEW.month AND ${COUNTED}),
       ${limits.totalMonthly};
   END`,
];

/** `overrides`: the environment the workload's harness runs with (its limits). */
export async function installProbes(overrides: Partial<Cloudflare.Env>): Promise<void> {
  const limits = configFor({ ...env, ...overrides }).limits;
  for (const d1 of allShards()) await d1.batch(probes(limits).map((statement) => d1.prepare(statement)));
}

/** Each query lists what breaks its invariant: every one must come back empty. */
const invariants = (limits: Limits): Record<string, string> => ({
  'a ledger transaction whose entries do not sum to zero': `SELECT transaction_id, SUM(amount) AS total FROM ledger_entries GROUP BY transaction_id HAVING total <> 0`,
  'all entries together do not sum to zero': `SELECT SUM(amount) AS total FROM ledger_entries HAVING total <> 0`,
  'a ledger transaction without entries': `SELECT id FROM ledger_transactions t WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = t.id)`,
  'a cached balance that is not the sum of its entries': `SELECT a.id, a.balance, COALESCE(SUM(e.amount), 0) AS entries FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id GROUP BY a.id HAVING a.balance <> entries`,
  'a wallet below zero now': `SELECT id, balance FROM accounts WHERE kind = 'wallet' AND balance < 0`,
  'a wallet that was below zero at some moment': `SELECT account_id, balance FROM probe_wallet WHERE balance < 0`,
  'a transaction whose wallet leg is not amount − fee': `SELECT t.id FROM ledger_transactions t
     WHERE t.amount - t.fee <> (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e WHERE e.transaction_id = t.id AND e.account_id = 'wallet:' || t.user_id)`,
  'a balance_after that is not the running sum of the wallet': `SELECT t.id, t.balance_after FROM ledger_transactions t
     WHERE t.balance_after < 0 OR t.balance_after <> (
       SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entries e JOIN ledger_transactions p ON p.id = e.transaction_id
       WHERE p.user_id = t.user_id AND p.seq <= t.seq AND e.account_id = 'wallet:' || t.user_id)`,
  'a top-up without exactly one debit of amount + fee, or not completed / failed with exactly one refund': `SELECT * FROM (
       SELECT t.id, t.status, t.provider_ref, t.failure_code,
         (SELECT COUNT(*) FROM ledger_transactions l WHERE l.topup_id = t.id AND l.kind = 'topup') AS debits,
         (SELECT COUNT(*) FROM ledger_transactions l WHERE l.topup_id = t.id AND l.kind = 'topup' AND l.user_id = t.user_id AND l.amount = -t.amount AND l.fee = t.fee) AS exact_debits,
         (SELECT COUNT(*) FROM ledger_transactions l WHERE l.topup_id = t.id AND l.kind = 'refund') AS refunds,
         (SELECT COUNT(*) FROM ledger_transactions l WHERE l.topup_id = t.id AND l.kind = 'refund' AND l.user_id = t.user_id AND l.amount = t.amount AND l.fee = -t.fee) AS exact_refunds
       FROM topups t)
     WHERE NOT (debits = 1 AND exact_debits = 1 AND (
       (status = 'completed' AND refunds = 0 AND provider_ref IS NOT NULL AND failure_code IS NULL) OR
       (status = 'failed' AND refunds = 1 AND exact_refunds = 1 AND failure_code IS NOT NULL)))`,
  'a top-up or refund transaction not tied to a top-up of the same user': `SELECT l.id FROM ledger_transactions l LEFT JOIN topups t ON t.id = l.topup_id
     WHERE (l.kind IN ('deposit', 'withdrawal')) <> (l.topup_id IS NULL) OR (l.kind IN ('topup', 'refund') AND (t.id IS NULL OR t.user_id <> l.user_id))`,
  'a withdrawal that is not a free debit of the wallet to bank_withdrawals': `SELECT l.id FROM ledger_transactions l
     WHERE l.kind = 'withdrawal' AND NOT (l.amount < 0 AND l.fee = 0
       AND (SELECT COUNT(*) FROM ledger_entries e WHERE e.transaction_id = l.id) = 2
       AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = l.id AND e.account_id = 'system:bank_withdrawals' AND e.amount = -l.amount))`,
  'a top-up left pending': `SELECT id, phone, created_at FROM topups WHERE status = 'pending'`,
  'two top-ups for one (user, idempotency key)': `SELECT user_id, idempotency_key, COUNT(*) AS n FROM topups GROUP BY user_id, idempotency_key HAVING n > 1`,
  // A scheduled run's key (scope runs:<user>) stores its refusal as done with 409: checked by the two run invariants below.
  'an idempotency key left in progress': `SELECT scope, key, path FROM idempotency_keys WHERE state <> 'done' OR status IS NULL OR (status >= 300 AND scope NOT LIKE 'runs:%')`,
  'a run key that is neither a top-up (201) nor a refusal (409)': `SELECT scope, key, status FROM idempotency_keys WHERE scope LIKE 'runs:%' AND status NOT IN (201, 409)`,
  'more than one top-up for one (schedule, period)': `SELECT schedule_id, idempotency_key, COUNT(*) AS n FROM topups WHERE schedule_id IS NOT NULL GROUP BY schedule_id, idempotency_key HAVING n > 1`,
  'a run top-up whose key is not its own schedule period': `SELECT id, schedule_id, idempotency_key FROM topups WHERE schedule_id IS NOT NULL AND idempotency_key NOT LIKE 'schedule:' || schedule_id || ':%'`,
  'a refused run that moved money': `SELECT k.scope, k.key, t.id FROM idempotency_keys k JOIN topups t ON t.idempotency_key = k.key AND k.scope = 'runs:' || t.user_id
     WHERE k.status = 409`,
  'a refused run whose schedule names a top-up': `SELECT id, last_run_code, last_run_topup_id FROM schedules
     WHERE last_run_result = 'refused' AND (last_run_topup_id IS NOT NULL OR last_run_code IS NULL)`,
  'more than 5 active beneficiaries now': `SELECT user_id, COUNT(*) AS n FROM beneficiaries WHERE active = 1 AND deleted_at IS NULL GROUP BY user_id HAVING n > 5`,
  'more than 5 active beneficiaries at some moment': `SELECT user_id, MAX(active) AS most FROM probe_active GROUP BY user_id HAVING most > 5`,
  'a deleted beneficiary still active': `SELECT id FROM beneficiaries WHERE deleted_at IS NOT NULL AND active = 1`,
  'a per-beneficiary monthly limit passed': `SELECT * FROM probe_limits WHERE beneficiary_used > beneficiary_limit`,
  'a total monthly limit passed': `SELECT * FROM probe_limits WHERE total_used > total_limit`,
  'a month whose counted amounts pass a limit now': `SELECT t.beneficiary_id, t.month, SUM(t.amount) AS used, ${beneficiaryLimit(limits, 't.user_id')} AS lim FROM topups t
     WHERE t.${COUNTED} GROUP BY t.beneficiary_id, t.month HAVING used > lim`,
  'a month whose counted amounts pass the total limit now': `SELECT user_id, month, SUM(amount) AS used FROM topups
     WHERE ${COUNTED} GROUP BY user_id, month HAVING used > ${limits.totalMonthly}`,
  'provider_payable is not the completed amounts': `SELECT balance FROM accounts WHERE id = 'system:provider_payable'
     AND balance <> (SELECT COALESCE(SUM(amount), 0) FROM topups WHERE status = 'completed')`,
  'fee_income is not the completed fees': `SELECT balance FROM accounts WHERE id = 'system:fee_income'
     AND balance <> (SELECT COALESCE(SUM(fee), 0) FROM topups WHERE status = 'completed')`,
  'bank_withdrawals is not the withdrawals': `SELECT balance FROM accounts WHERE id = 'system:bank_withdrawals'
     AND balance <> -(SELECT COALESCE(SUM(amount), 0) FROM ledger_transactions WHERE kind = 'withdrawal')`,
  'a closed account with money, a pending top-up, a live session, a passkey, a schedule or personal data left': `SELECT u.id FROM users u
     WHERE u.closed_at IS NOT NULL AND (
       u.email <> 'closed:' || u.id OR u.name <> '' OR u.password_hash <> ''
       OR (SELECT balance FROM accounts WHERE id = 'wallet:' || u.id) <> 0
       OR EXISTS (SELECT 1 FROM topups WHERE user_id = u.id AND (status = 'pending' OR phone <> ''))
       OR EXISTS (SELECT 1 FROM sessions WHERE user_id = u.id AND revoked_at IS NULL)
       OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = u.id)
       OR EXISTS (SELECT 1 FROM schedules WHERE user_id = u.id AND deleted_at IS NULL)
       OR EXISTS (SELECT 1 FROM beneficiaries WHERE user_id = u.id AND (phone <> '' OR nickname <> '' OR deleted_at IS NULL)))`,
  'bank_funding is not minus the deposits': `SELECT balance FROM accounts WHERE id = 'system:bank_funding'
     AND balance <> -(SELECT COALESCE(SUM(amount), 0) FROM ledger_transactions WHERE kind = 'deposit')`,
});

/** Every invariant on every shard (each shard's ledger and system accounts stand on their own). */
export async function sqlViolations(overrides: Partial<Cloudflare.Env>): Promise<string[]> {
  const all = invariants(configFor({ ...env, ...overrides }).limits);
  const problems: string[] = [];
  for (const [shard, d1] of allShards().entries()) problems.push(...(await shardViolations(d1, all)).map((p) => `shard ${shard}: ${p}`));
  return problems;
}

async function shardViolations(d1: D1Database, all: Record<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const names = Object.keys(all);
  const results = await d1.batch(names.map((name) => d1.prepare(all[name]!)));
  results.forEach((result, i) => {
    if (result.results.length > 0) problems.push(`SQL: ${names[i]}: ${JSON.stringify(result.results.slice(0, 5))}`);
  });
  const probes = await d1.prepare(`SELECT (SELECT COUNT(*) FROM probe_active) AS a, (SELECT COUNT(*) FROM probe_wallet) AS w, (SELECT COUNT(*) FROM probe_limits) AS l`).first<{ a: number; w: number; l: number }>();
  // A probe that saw nothing proves nothing.
  if (!probes || probes.a === 0 || probes.w === 0 || probes.l === 0) problems.push(`SQL: probes recorded nothing: ${JSON.stringify(probes)}`);
  return problems;
}
