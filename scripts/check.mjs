#!/usr/bin/env node
// `npm run check`: everything that must hold before a change can deploy —
// typecheck, lint, production build, and `wrangler deploy --dry-run` for every
// environment (bundles the Worker and validates wrangler.toml without an account).
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

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
step('production build', 'npx', ['vite', 'build']);
step('operations console build', 'npx', ['vite', 'build', '--config', 'vite.admin.config.ts']);
for (const name of ENVIRONMENTS) {
  const label = name || 'local';
  const outdir = `.wrangler/dry-run/${label}`;
  step(`wrangler deploy --dry-run (${label})`, 'npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, ...(name ? ['--env', name] : [])]);
  const size = gzipSync(readFileSync(`${outdir}/index.js`), { level: 9 }).length;
  console.log(`  worker bundle: ${(size / 1024).toFixed(1)} KiB gzip`);
}
console.log('\n✔ check passed');
