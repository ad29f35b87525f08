#!/usr/bin/env node
// `npm start`: build the PWA, apply migrations to the local D1s (the directory and
// both shards), serve app + API.
// PORT (default 8787) and TOPUP_DATA_DIR (default .wrangler/state) change where.
// `--dev` skips the production build (use `vite` for the app with hot reload).
// Any other arguments go to `wrangler dev` (e.g. `--var D1_TRACE:on` for benchmarks).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { ensureDevVars } from './dev-vars.mjs';
import { migrateAll } from './databases.mjs';

const port = process.env.PORT ?? '8787';
const dataDir = process.env.TOPUP_DATA_DIR ?? '.wrangler/state';
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const passThrough = process.argv.slice(2).filter((arg) => arg !== '--dev');
const skipBuild = process.argv.includes('--dev') || process.env.TOPUP_SKIP_BUILD === '1';

function run(cmd, args, extraEnv = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

ensureDevVars();
// Always a production build: a NODE_ENV=test inherited from a test runner would
// silently produce a development build without the service worker.
if (!skipBuild) {
  run('npx', ['vite', 'build'], { NODE_ENV: 'production' });
  // The operations console at /admin: its own build, after the PWA's (vite.admin.config.ts).
  run('npx', ['vite', 'build', '--config', 'vite.admin.config.ts'], { NODE_ENV: 'production' });
}
if (!existsSync('dist')) mkdirSync('dist');
migrateAll('', ['--local', '--persist-to', dataDir]);

const server = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, '--persist-to', dataDir, '--show-interactive-dev-session=false', ...passThrough],
  { stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
