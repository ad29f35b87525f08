#!/usr/bin/env node
// Runs before the end-to-end tests (`pretest:e2e`): they need a real Chromium.
// CHROMIUM_PATH wins; else /usr/bin/chromium. When it is missing and we are root on a
// Debian-like machine (this one, CI), install it with apt; otherwise stop with one
// sentence that says how.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const canApt = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (process.env.CHROMIUM_PATH || !canApt) {
  console.error(
    `The end-to-end tests need Chromium and there is none at ${path}: install it (Debian/Ubuntu: \`sudo apt-get install -y chromium fonts-noto-color-emoji\`) or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
  );
  process.exit(1);
}

console.log('Chromium is missing: installing it with apt-get (needed by the end-to-end tests).');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium', 'fonts-noto-color-emoji']]) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed: install Chromium by hand (\`apt-get install -y chromium\`) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}
if (!existsSync(path)) {
  console.error(`apt-get installed chromium but ${path} is still missing: set CHROMIUM_PATH to the Chromium binary.`);
  process.exit(1);
}
