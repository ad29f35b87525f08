#!/usr/bin/env node
// `npm run db:migrate:local`: apply migrations/ to the local D1 under TOPUP_DATA_DIR.
import { spawnSync } from 'node:child_process';

const dataDir = process.env.TOPUP_DATA_DIR ?? '.wrangler/state';
const result = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dataDir], {
  stdio: 'inherit',
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});
process.exit(result.status ?? 1);
