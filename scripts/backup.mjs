#!/usr/bin/env node
// `npm run backup -- --local | --env staging|production [--out DIR]`: exports every D1
// of the environment (the directory and each shard) with `wrangler d1 export` into
// DIR (default backups/<env>-<timestamp>/), one .sql file per database plus a
// manifest. Restoring: docs/operations.md ("Backups and restore"); the restore drill
// (tests/scripts/backup.test.ts) imports such a backup into fresh local databases and
// runs the ledger audit on them.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { databasesOf, run } from './databases.mjs';

const args = process.argv.slice(2);
const index = args.indexOf('--env');
const envName = index >= 0 ? args[index + 1] : '';
const local = args.includes('--local');
if (!local && !envName) {
  console.error('Usage: npm run backup -- --local | --env staging|production [--out DIR]');
  process.exit(2);
}
const outIndex = args.indexOf('--out');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = outIndex >= 0 ? args[outIndex + 1] : join('backups', `${local ? 'local' : envName}-${stamp}`);
mkdirSync(out, { recursive: true });
const target = local ? ['--local', '--persist-to', process.env.TOPUP_DATA_DIR ?? '.wrangler/state'] : ['--remote', '--env', envName];
const manifest = { environment: local ? 'local' : envName, exported_at: new Date().toISOString(), databases: [] };
for (const db of databasesOf(local ? '' : envName)) {
  const file = join(out, `${db.binding}.sql`);
  run('npx', ['wrangler', 'd1', 'export', db.binding, ...target, '--output', file]);
  manifest.databases.push({ binding: db.binding, name: db.name, file: `${db.binding}.sql`, bytes: statSync(file).size });
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
console.log(`Backed up ${manifest.databases.length} database(s) into ${out}.`);
