#!/usr/bin/env node
// `npm run audit:ledger -- --local | --env staging|production`: checks the ledger's
// invariants on every shard through `wrangler d1 execute` (each shard has its own
// system accounts, so each must balance on its own), then that the directory and the
// shards agree on who lives where; exits 1 on any violation. See docs/operations.md
// for what each finding means.
import { spawnSync } from 'node:child_process';
import { databasesOf, wranglerEnv } from './databases.mjs';

const CHECKS = [
  {
    name: 'transactions whose entries do not sum to zero',
    sql: `SELECT transaction_id, SUM(amount) AS total FROM ledger_entries GROUP BY transaction_id HAVING total <> 0 LIMIT 20`,
  },
  { name: 'all entries together not summing to zero', sql: `SELECT SUM(amount) AS total FROM ledger_entries HAVING total <> 0` },
  {
    name: 'accounts whose cached balance differs from their entries',
    sql: `SELECT a.id, a.balance, COALESCE(SUM(e.amount), 0) AS entries FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id GROUP BY a.id HAVING a.balance <> entries LIMIT 20`,
  },
  { name: 'negative wallets', sql: `SELECT id, balance FROM accounts WHERE kind = 'wallet' AND balance < 0 LIMIT 20` },
  {
    name: 'top-ups without exactly one debit',
    sql: `SELECT t.id FROM topups t LEFT JOIN ledger_transactions l ON l.topup_id = t.id AND l.kind = 'topup' GROUP BY t.id HAVING COUNT(l.id) <> 1 LIMIT 20`,
  },
  {
    name: 'failed top-ups without exactly one refund, or others with one',
    sql: `SELECT t.id, t.status FROM topups t LEFT JOIN ledger_transactions l ON l.topup_id = t.id AND l.kind = 'refund' GROUP BY t.id HAVING (t.status = 'failed') <> (COUNT(l.id) = 1) LIMIT 20`,
  },
  {
    name: 'withdrawals that are not a free debit of one wallet to system:bank_withdrawals',
    sql: `SELECT l.id FROM ledger_transactions l WHERE l.kind = 'withdrawal' AND NOT (l.amount < 0 AND l.fee = 0 AND l.topup_id IS NULL AND (SELECT COUNT(*) FROM ledger_entries e WHERE e.transaction_id = l.id) = 2 AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = l.id AND e.account_id = 'system:bank_withdrawals' AND e.amount = -l.amount) AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = l.id AND e.account_id = 'wallet:' || l.user_id AND e.amount = l.amount)) LIMIT 20`,
  },
  {
    name: 'system:bank_withdrawals not equal to the withdrawals',
    sql: `SELECT balance FROM accounts WHERE id = 'system:bank_withdrawals' AND balance <> -(SELECT COALESCE(SUM(amount), 0) FROM ledger_transactions WHERE kind = 'withdrawal')`,
  },
  {
    name: 'closed accounts with money, a pending top-up, a live session, a passkey, a schedule or personal data left',
    sql: `SELECT u.id FROM users u WHERE u.closed_at IS NOT NULL AND (u.email <> 'closed:' || u.id OR u.name <> '' OR u.password_hash <> '' OR (SELECT balance FROM accounts WHERE id = 'wallet:' || u.id) <> 0 OR EXISTS (SELECT 1 FROM topups WHERE user_id = u.id AND (status = 'pending' OR phone <> '')) OR EXISTS (SELECT 1 FROM sessions WHERE user_id = u.id AND revoked_at IS NULL) OR EXISTS (SELECT 1 FROM passkeys WHERE user_id = u.id) OR EXISTS (SELECT 1 FROM schedules WHERE user_id = u.id AND deleted_at IS NULL) OR EXISTS (SELECT 1 FROM beneficiaries WHERE user_id = u.id AND (phone <> '' OR nickname <> '' OR deleted_at IS NULL))) LIMIT 20`,
  },
  {
    name: 'users with more than 5 active beneficiaries',
    sql: `SELECT user_id, COUNT(*) AS active FROM beneficiaries WHERE active = 1 AND deleted_at IS NULL GROUP BY user_id HAVING active > 5 LIMIT 20`,
  },
];

const args = process.argv.slice(2);
const index = args.indexOf('--env');
const target = args.includes('--local')
  ? ['--local', '--persist-to', process.env.TOPUP_DATA_DIR ?? '.wrangler/state']
  : index >= 0 && args[index + 1]
    ? ['--remote', '--env', args[index + 1]]
    : null;
if (!target) {
  console.error('Usage: npm run audit:ledger -- --local | --env staging|production');
  process.exit(2);
}

/**
 * Several queries on one database in one `wrangler d1 execute` (one answer per statement):
 * each is a process start of several seconds, 15–20 s on a loaded machine, and one per check
 * made the audit of two shards take 8 minutes there. Exits 2 when they cannot run.
 */
function queries(binding, sqls, what) {
  const result = spawnSync('npx', ['wrangler', 'd1', 'execute', binding, ...target, '--json', '--command', sqls.join(';\n')], { encoding: 'utf8', env: wranglerEnv });
  const answers = result.status === 0 ? JSON.parse(result.stdout) : null;
  if (!Array.isArray(answers) || answers.length !== sqls.length) {
    console.error(`✖ could not run ${what} on ${binding}:\n${result.stderr || result.stdout}`);
    process.exit(2);
  }
  return answers.map((r) => r.results ?? []);
}
const query = (binding, sql, what) => queries(binding, [sql], `"${what}"`)[0];

let violations = 0;
function report(label, rows) {
  if (rows.length > 0) {
    violations += rows.length;
    console.log(`✖ ${label}: ${rows.length}`);
    for (const row of rows) console.log(`    ${JSON.stringify(row)}`);
  } else {
    console.log(`✔ no ${label}`);
  }
}

const envName = index >= 0 ? args[index + 1] : '';
const shards = databasesOf(envName).filter((d) => /^SHARD_\d+$/.test(d.binding));
const placed = new Map(
  query('DIRECTORY', `SELECT shard, SUM(state = 'active') AS active, COUNT(*) AS reserved FROM users_directory GROUP BY shard`, 'directory placements').map((r) => [r.shard, r]),
);
for (const shard of shards) {
  console.log(`\n${shard.binding} (${shard.name})`);
  const rows = queries(shard.binding, [...CHECKS.map((check) => check.sql), `SELECT COUNT(*) AS n FROM users WHERE closed_at IS NULL`], 'the checks');
  CHECKS.forEach((check, i) => report(check.name, rows[i]));
  // Every open account on a shard was reserved there; a pending reservation may or may not have its user yet.
  // A closed account left the directory (its email is free) and keeps only its ledger here.
  const users = rows[CHECKS.length][0]?.n ?? 0;
  const dir = placed.get(Number(shard.binding.slice('SHARD_'.length))) ?? { active: 0, reserved: 0 };
  report('users the directory does not place on this shard', users < dir.active || users > dir.reserved ? [{ users, directory_active: dir.active, directory_reserved: dir.reserved }] : []);
}
console.log(violations === 0 ? `\nLedger OK on ${shards.length} shard(s).` : `\n${violations} violation(s): see docs/operations.md, "When the ledger audit fails".`);
process.exit(violations === 0 ? 0 : 1);
