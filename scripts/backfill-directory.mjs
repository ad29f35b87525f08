#!/usr/bin/env node
// `node scripts/backfill-directory.mjs --local | --env staging|production`: fills the
// directory from the shards (docs/operations.md, "From one database to shards"):
// every user's email → id and shard, the shard counts, and every beneficiary and
// schedule id (unique across shards). Safe to run again: rows that exist are kept.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databasesOf, run, wranglerEnv } from './databases.mjs';

const args = process.argv.slice(2);
const index = args.indexOf('--env');
const envName = index >= 0 ? args[index + 1] : '';
const target = args.includes('--local') ? ['--local', '--persist-to', process.env.TOPUP_DATA_DIR ?? '.wrangler/state'] : envName ? ['--remote', '--env', envName] : null;
if (!target) {
  console.error('Usage: node scripts/backfill-directory.mjs --local | --env staging|production');
  process.exit(2);
}

function rows(binding, sql) {
  const result = spawnSync('npx', ['wrangler', 'd1', 'execute', binding, ...target, '--json', '--command', sql], { encoding: 'utf8', env: wranglerEnv, maxBuffer: 1 << 30 });
  if (result.status !== 0) {
    console.error(`${binding}: ${result.stderr || result.stdout}`);
    process.exit(1);
  }
  return JSON.parse(result.stdout).flatMap((r) => r.results ?? []);
}

const q = (value) => `'${String(value).replaceAll("'", "''")}'`;
const statements = [];
for (const shard of databasesOf(envName).filter((d) => /^SHARD_\d+$/.test(d.binding))) {
  const id = Number(shard.binding.slice('SHARD_'.length));
  const users = rows(shard.binding, `SELECT id, email, created_at FROM users WHERE closed_at IS NULL`);
  for (const u of users) {
    statements.push(`INSERT OR IGNORE INTO users_directory (email, user_id, shard, state, created_at) VALUES (${q(u.email)}, ${q(u.id)}, ${id}, 'active', ${q(u.created_at)});`);
  }
  for (const kind of ['beneficiary', 'schedule']) {
    const table = kind === 'beneficiary' ? 'beneficiaries' : 'schedules';
    for (const o of rows(shard.binding, `SELECT id, user_id, created_at FROM ${table}`)) {
      statements.push(`INSERT OR IGNORE INTO object_ids (kind, id, user_id, created_at) VALUES ('${kind}', ${q(o.id)}, ${q(o.user_id)}, ${q(o.created_at)});`);
    }
  }
  console.log(`${shard.binding}: ${users.length} user(s)`);
}
statements.push(`INSERT OR REPLACE INTO shard_counts (shard, users) SELECT shard, COUNT(*) FROM users_directory GROUP BY shard;`);
const file = join(mkdtempSync(join(tmpdir(), 'topup-backfill-')), 'directory.sql');
writeFileSync(file, `${statements.join('\n')}\n`);
run('npx', ['wrangler', 'd1', 'execute', 'DIRECTORY', ...target, '--file', file]);
console.log('Directory back-filled: run `npm run audit:ledger` to check the placements.');
