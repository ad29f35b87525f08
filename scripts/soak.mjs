#!/usr/bin/env node
// `npm run soak -- --seed N --ops M [--users U] [--lanes L]`: the seeded workload of
// tests/integration/workload.test.ts, longer and with any seed, and the hostile
// properties of tests/integration/hostile.test.ts with that seed, in the same workerd
// + local D1 as `npm run test:integration`. The values reach the test through
// vitest's `provide`/`inject` (workerd has no process.env of the host).
import { existsSync, mkdirSync } from 'node:fs';
import { startVitest } from 'vitest/node';

const args = process.argv.slice(2);
function option(name, fallback) {
  const at = args.indexOf(`--${name}`);
  const raw = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const soak = {
  seed: option('seed', Math.floor(Math.random() * 2 ** 31)),
  ops: option('ops', 5000),
  ...(args.some((a) => a.startsWith('--users')) ? { users: option('users', 10) } : {}),
  ...(args.some((a) => a.startsWith('--lanes')) ? { lanes: option('lanes', 12) } : {}),
};
if (soak.ops < 50) {
  console.error('--ops must be at least 50');
  process.exit(2);
}
console.log(`soak: seed ${soak.seed}, ${soak.ops} operations`);

process.env.WRANGLER_SEND_METRICS ??= 'false';
if (!existsSync('dist')) mkdirSync('dist');

const vitest = await startVitest('test', ['tests/integration/workload.test.ts', 'tests/integration/hostile.test.ts'], {
  config: 'vitest.workers.config.ts',
  run: true,
  watch: false,
  provide: { soak },
});
await vitest?.close();
if (process.exitCode) console.error(`soak failed: seed ${soak.seed}, ${soak.ops} operations`);
