#!/usr/bin/env node
// `node bench/schedules.mjs` (or `npm run bench:schedules`): one cron pass over
// 10,000 due schedules on the local stack (wrangler dev, local D1, local queue).
// Seeds 2,000 users × 5 beneficiaries × 1 schedule straight into a fresh local D1,
// fires the cron (/cdn-cgi/handler/scheduled), and reads the Worker's log lines
// (D1_TRACE=on adds round trips and time): messages sent, the cron's own D1 round
// trips and time; then the consumer's round trips per run until every run is made.
// BENCH_SCHEDULES=N changes the count; BENCH_SCHEDULES_WAIT_S bounds the wait.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databasesOf } from '../scripts/databases.mjs';
import { freePort, startServer } from './server.mjs';

const N = Number(process.env.BENCH_SCHEDULES ?? 10_000);
const WAIT_MS = Number(process.env.BENCH_SCHEDULES_WAIT_S ?? 900) * 1000;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const dataDir = mkdtempSync(join(tmpdir(), 'topup-bench-schedules-'));

function wrangler(args) {
  const result = spawnSync('npx', ['wrangler', ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

/** A UAE mobile number the simulator completes (never …0000 or …9999). */
function phone(i) {
  let n = 10_000_000 + i * 7 + 1;
  while (/0000$|9999$/.test(String(n))) n++;
  return `+9715${n}`;
}

function seedSql(count, due) {
  const users = Math.ceil(count / 5);
  const at = new Date(Date.parse(due) - 3600_000).toISOString();
  const lines = [];
  const chunked = (table, columns, rows) => {
    for (let i = 0; i < rows.length; i += 200) lines.push(`INSERT INTO ${table} (${columns}) VALUES\n${rows.slice(i, i + 200).join(',\n')};`);
  };
  const uid = (u) => `bench-user-${u}`;
  chunked('users', 'id, email, name, password_hash, verified, created_at', Array.from({ length: users }, (_, u) => `('${uid(u)}', 'bench-${u}@example.com', 'Bench', 'x', 1, '${at}')`));
  chunked('accounts', 'id, user_id, kind, balance', Array.from({ length: users }, (_, u) => `('wallet:${uid(u)}', '${uid(u)}', 'wallet', 100000000)`));
  chunked(
    'beneficiaries',
    'id, user_id, nickname, phone, active, active_cap, created_at, updated_at',
    Array.from({ length: count }, (_, i) => `('bench-ben-${i}', '${uid(Math.floor(i / 5))}', 'B${i}', '${phone(i)}', 1, 5, '${at}', '${at}')`),
  );
  chunked(
    'schedules',
    'id, user_id, beneficiary_id, amount, every, starts_at, next_run_at, status, created_at, updated_at',
    Array.from({ length: count }, (_, i) => `('bench-sch-${String(i).padStart(6, '0')}', '${uid(Math.floor(i / 5))}', 'bench-ben-${i}', 500, 'week', '${due}', '${due}', 'active', '${at}', '${at}')`),
  );
  return lines.join('\n');
}

const logLines = (output, msg) =>
  output
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`))
    .map((line) => JSON.parse(line.slice(line.indexOf('{'))));

console.log(`Seeding ${N} due schedules into ${dataDir} …`);
// Every database migrated; the schedules seeded on shard 0 (the cron visits both shards).
for (const db of databasesOf('')) wrangler(['d1', 'migrations', 'apply', db.binding, '--local', '--persist-to', dataDir]);
const seedFile = join(dataDir, 'seed.sql');
writeFileSync(seedFile, seedSql(N, new Date(Date.now() - 60_000).toISOString()));
wrangler(['d1', 'execute', 'SHARD_0', '--local', '--persist-to', dataDir, '--file', seedFile]);

const port = await freePort();
const server = await startServer({
  port,
  dataDir,
  skipBuild: true,
  extraArgs: ['--test-scheduled', '--var', 'D1_TRACE:on', '--var', 'REQUEST_LOG:off', '--var', 'LIMIT_TOTAL_MONTHLY:1000000000000', '--var', 'LIMIT_BENEFICIARY_MONTHLY_VERIFIED:1000000000000'],
});
const result = { schedules: N };
try {
  const fired = Date.now();
  const res = await fetch(`${server.base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
  if (!res.ok) throw new Error(`cron trigger answered ${res.status}`);
  // One report per shard; the seeded one is shard 0's.
  const shardCount = databasesOf('').filter((d) => d.binding.startsWith('SHARD_')).length;
  let reports = [];
  while ((reports = logLines(server.output(), 'enqueued scheduled runs')).length < shardCount && Date.now() - fired < 120_000) await new Promise((r) => setTimeout(r, 200));
  const cron = reports.find((r) => r.shard === 0);
  if (!cron) throw new Error(`the cron never reported:\n${server.output().slice(-2000)}`);
  result.cron = { messages_sent: cron.sent, due_found: cron.due, pages: cron.pages, d1_round_trips: cron.d1_round_trips, send_batch_calls: cron.sends, ms: cron.ms };
  console.log('cron pass:', result.cron);

  let consumed = [];
  const done = () => consumed.reduce((n, b) => n + b.ran + b.refused + b.skipped + b.dropped, 0);
  while (Date.now() - fired < WAIT_MS) {
    consumed = logLines(server.output(), 'consumed scheduled runs');
    if (done() >= cron.sent) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const elapsed = (Date.now() - fired) / 1000;
  const sum = (key) => consumed.reduce((n, b) => n + (b[key] ?? 0), 0);
  const made = sum('ran') + sum('refused');
  result.consumer = {
    batches: consumed.length,
    ran: sum('ran'),
    refused: sum('refused'),
    skipped: sum('skipped'),
    retried: sum('retried'),
    d1_round_trips_per_run: made ? Number((sum('d1_round_trips') / made).toFixed(3)) : null,
    seconds_until_all_consumed: done() >= cron.sent ? Number(elapsed.toFixed(1)) : null,
    runs_per_second: Number((made / elapsed).toFixed(1)),
  };
  console.log('consumer:', result.consumer);
} finally {
  server.stop();
}
await new Promise((r) => setTimeout(r, 1000));
const counted = JSON.parse(wrangler(['d1', 'execute', 'SHARD_0', '--local', '--persist-to', dataDir, '--json', '--command', "SELECT COUNT(*) AS topups, COUNT(DISTINCT schedule_id) AS schedules FROM topups WHERE schedule_id IS NOT NULL"]));
result.database = counted[0]?.results?.[0] ?? null;
console.log('database:', result.database, '(expect one top-up per schedule)');
console.log(JSON.stringify(result, null, 2));
