#!/usr/bin/env node
// `npm run deploy -- --env staging|production`: build the PWA, apply the remote D1
// migrations, then deploy. Migrations first: they are append-only and additive, so
// the running version keeps working on the migrated schema.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const index = args.indexOf('--env');
const name = index >= 0 ? args[index + 1] : undefined;
if (!name || !['staging', 'production'].includes(name)) {
  console.error('Usage: npm run deploy -- --env staging|production');
  process.exit(2);
}
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

function run(cmd, cmdArgs) {
  console.log(`\n▶ ${cmd} ${cmdArgs.join(' ')}`);
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['vite', 'build']);
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote', '--env', name]);
run('npx', ['wrangler', 'deploy', '--env', name]);
