// Requests per second and latency over loopback with autocannon, each route also
// as a ratio to GET /api/health measured in the same run (one trivial D1 query), so
// the figure survives a noisy machine.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** Bytes in use in the local D1 databases, all of them (the directory and each shard): pages in use × page size, WAL included. */
function databaseBytes(dataDir) {
  const dir = join(dataDir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  let total = 0;
  for (const file of files) {
    // workerd may be mid-write: wait for its lock rather than fail the run.
    const db = new DatabaseSync(join(dir, file), { readOnly: true, timeout: 10_000 });
    try {
      const one = (pragma) => Object.values(db.prepare(`PRAGMA ${pragma}`).get())[0];
      total += (one('page_count') - one('freelist_count')) * one('page_size');
    } finally {
      db.close();
    }
  }
  return total;
}

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function summary(name, r) {
  return {
    route: name,
    rps: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    non_2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

export async function measureThroughput(api, base, dataDir) {
  const users = [];
  for (let i = 0; i < 4; i++) users.push(await api.seedUser({ beneficiaries: 5, deposits: 3 }));
  const reader = users[0];
  const auth = { Authorization: `Bearer ${reader.token}` };
  const results = [];
  results.push(summary('GET /api/health', await run({ url: `${base}/api/health` })));
  results.push(summary('GET /api/beneficiaries', await run({ url: `${base}/api/beneficiaries`, headers: auth })));
  results.push(summary('GET /api/limits', await run({ url: `${base}/api/limits`, headers: auth })));
  let n = 0;
  const bytesBefore = databaseBytes(dataDir);
  const pairs = users.flatMap((u) => u.beneficiaries.map((b) => ({ token: u.token, beneficiary: b })));
  results.push(
    summary(
      'POST /api/topups',
      await run({
        url: `${base}/api/topups`,
        requests: [
          {
            method: 'POST',
            setupRequest(req) {
              const pair = pairs[n++ % pairs.length];
              return {
                ...req,
                headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${pair.token}`, 'Idempotency-Key': randomUUID() },
                body: JSON.stringify({ beneficiary_id: pair.beneficiary, amount: 500 }),
              };
            },
          },
        ],
      }),
    ),
  );
  const topups = results[results.length - 1];
  const storage = { topups: topups.requests - topups.non_2xx, bytes_added: databaseBytes(dataDir) - bytesBefore };
  storage.bytes_per_topup = Math.round(storage.bytes_added / Math.max(1, storage.topups));
  results.push(summary('GET /api/health (again)', await run({ url: `${base}/api/health` })));
  const health = (results[0].rps + results[results.length - 1].rps) / 2;
  for (const r of results) r.ratio_to_health = Number((r.rps / health).toFixed(2));
  return { duration_s: DURATION, connections: CONNECTIONS, health_rps: Math.round(health), routes: results, storage };
}
