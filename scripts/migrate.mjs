#!/usr/bin/env node
// `npm run db:migrate:local`: apply the migrations to every local D1 (the directory
// and each shard, migrations/directory/ and migrations/shard/) under TOPUP_DATA_DIR.
// `npm run db:migrate:remote -- --env staging|production`: the same, deployed.
import { migrateAll } from './databases.mjs';

const args = process.argv.slice(2);
if (args.includes('--remote')) {
  const index = args.indexOf('--env');
  const name = index >= 0 ? args[index + 1] : undefined;
  if (!name || !['staging', 'production'].includes(name)) {
    console.error('Usage: npm run db:migrate:remote -- --env staging|production');
    process.exit(2);
  }
  migrateAll(name, ['--remote', '--env', name]);
} else {
  migrateAll('', ['--local', '--persist-to', process.env.TOPUP_DATA_DIR ?? '.wrangler/state']);
}
