#!/usr/bin/env node
// `npm run audit:ledger -- --local | --env staging|production`: checks the ledger's
// invariants against a database through `wrangler d1 execute`, and exits 1 on any
// violation. See docs/operations.md for what each finding means.
import { spawnSync } from 'node:child_process';

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

let violations = 0;
for (const check of CHECKS) {
  const result = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', ...target, '--json', '--command', check.sql], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  if (result.status !== 0) {
    console.error(`✖ could not run "${check.name}":\n${result.stderr || result.stdout}`);
    process.exit(2);
  }
  const rows = JSON.parse(result.stdout).flatMap((r) => r.results ?? []);
  if (rows.length > 0) {
    violations += rows.length;
    console.log(`✖ ${check.name}: ${rows.length}`);
    for (const row of rows) console.log(`    ${JSON.stringify(row)}`);
  } else {
    console.log(`✔ no ${check.name}`);
  }
}
console.log(violations === 0 ? '\nLedger OK.' : `\n${violations} violation(s): see docs/operations.md, "When the ledger audit fails".`);
process.exit(violations === 0 ? 0 : 1);
