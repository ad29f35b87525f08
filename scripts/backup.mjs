#!/usr/bin/env node
// `npm run backup -- --local | --env staging|production [--out DIR]`: exports every D1
// of the environment (the directory and each shard) with `wrangler d1 export` into
// DIR (default backups/<env>-<timestamp>/), one .sql file per database plus a
// manifest. Restoring: docs/operations.md ("Backups and restore"); the restore drill
// (tests/scripts/backup.test.ts) imports such a backup into fresh local databases and
// runs the ledger audit on them.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
// `wrangler d1 export --local` reads the project's .wrangler/state and takes no --persist-to:
// for another TOPUP_DATA_DIR it runs against a copy of wrangler.toml whose state is that directory.
const dataDir = process.env.TOPUP_DATA_DIR;
let shadow = null;
if (local && dataDir && resolve(dataDir) !== resolve('.wrangler/state')) {
  shadow = mkdtempSync(join(tmpdir(), 'topup-backup-'));
  copyFileSync('wrangler.toml', join(shadow, 'wrangler.toml'));
  mkdirSync(join(shadow, '.wrangler'));
  symlinkSync(resolve(dataDir), join(shadow, '.wrangler', 'state'), 'dir');
}
const target = local ? ['--local', ...(shadow ? ['--config', join(shadow, 'wrangler.toml')] : [])] : ['--remote', '--env', envName];
const manifest = { environment: local ? 'local' : envName, exported_at: new Date().toISOString(), databases: [] };
for (const db of databasesOf(local ? '' : envName)) {
  const file = join(out, `${db.binding}.sql`);
  run('npx', ['wrangler', 'd1', 'export', db.binding, ...target, '--output', resolve(file)]);
  manifest.databases.push({ binding: db.binding, name: db.name, file: `${db.binding}.sql`, bytes: statSync(file).size });
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
if (shadow) rmSync(shadow, { recursive: true, force: true });
console.log(`Backed up ${manifest.databases.length} database(s) into ${out}.`);
