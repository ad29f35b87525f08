#!/usr/bin/env node
// `npm run deploy -- --env staging|production`: build the PWA, make sure every D1
// database the environment binds exists (the directory and each shard: a new shard
// in wrangler.toml is created here and its id written back), apply each one's
// migrations, then deploy. Migrations first: they are append-only and additive, so
// the running version keeps working on the migrated schema.
import { spawnSync } from 'node:child_process';
import { databasesOf, migrateAll, recordDatabaseId, run, wranglerEnv } from './databases.mjs';

const args = process.argv.slice(2);
const index = args.indexOf('--env');
const name = index >= 0 ? args[index + 1] : undefined;
if (!name || !['staging', 'production'].includes(name)) {
  console.error('Usage: npm run deploy -- --env staging|production');
  process.exit(2);
}

function wranglerJson(cmdArgs) {
  const result = spawnSync('npx', ['wrangler', ...cmdArgs], { encoding: 'utf8', env: wranglerEnv });
  if (result.status !== 0) {
    console.error(`wrangler ${cmdArgs.join(' ')} failed:\n${result.stderr || result.stdout}`);
    process.exit(result.status ?? 1);
  }
  return JSON.parse(result.stdout);
}

/** Creates the databases wrangler.toml names that the account does not have yet. */
function ensureDatabases() {
  const existing = new Map(wranglerJson(['d1', 'list', '--json']).map((d) => [d.name, d.uuid]));
  for (const db of databasesOf(name)) {
    let id = existing.get(db.name);
    if (!id) {
      console.log(`\n▶ creating D1 database ${db.name} (${db.binding})`);
      run('npx', ['wrangler', 'd1', 'create', db.name]);
      id = wranglerJson(['d1', 'info', db.name, '--json']).uuid;
    }
    if (id && id !== db.id) {
      recordDatabaseId(db.name, db.id, id);
      console.log(`  wrangler.toml: ${db.binding} → ${id} (commit this)`);
    }
  }
}

run('npx', ['vite', 'build']);
run('npx', ['vite', 'build', '--config', 'vite.admin.config.ts']);
ensureDatabases();
migrateAll(name, ['--remote', '--env', name]);
run('npx', ['wrangler', 'deploy', '--env', name]);
