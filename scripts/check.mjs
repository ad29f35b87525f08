#!/usr/bin/env node
// `npm run check`: everything that must hold before a change can deploy —
// typecheck, lint, no import circles, layer rules that bite, production build, and `wrangler deploy --dry-run` for every
// environment (bundles the Worker and validates wrangler.toml without an account).
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { packageLines, WORKER_GZIP_BUDGET, workerSize } from './worker-size.mjs';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const ENVIRONMENTS = ['', 'staging', 'production'];

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
step('lint', 'npx', ['eslint', '.']);
step('import circles (type imports included)', 'node', ['scripts/cycles.mjs']);
step('layer rules refuse a planted wrong-way import in each layer', 'node', ['scripts/layers-planted.mjs']);
step('production build', 'npx', ['vite', 'build']);
step('operations console build', 'npx', ['vite', 'build', '--config', 'vite.admin.config.ts']);
for (const name of ENVIRONMENTS) {
  const label = name || 'local';
  const outdir = `.wrangler/dry-run/${label}`;
  step(`wrangler deploy --dry-run (${label})`, 'npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, ...(name ? ['--env', name] : [])]);
  const size = gzipSync(readFileSync(`${outdir}/index.js`), { level: 9 }).length;
  console.log(`  worker bundle: ${(size / 1024).toFixed(1)} KiB gzip`);
}
// The production Worker's budget: every cold start parses all of it (docs/decisions/016-lean-worker.md).
console.log('\n▶ production Worker budget');
const production = workerSize('production');
console.log(`  ${(production.bundle_gzip_bytes / 1024).toFixed(1)} KB gzip (budget ${WORKER_GZIP_BUDGET / 1024} KB), ${(production.bundle_bytes / 1024).toFixed(1)} KB raw`);
console.log(packageLines(production).join('\n'));
if (production.bundle_gzip_bytes > WORKER_GZIP_BUDGET) {
  console.error(`✖ the production Worker is over its budget by ${((production.bundle_gzip_bytes - WORKER_GZIP_BUDGET) / 1024).toFixed(1)} KB gzip`);
  process.exit(1);
}
console.log('\n✔ check passed');
