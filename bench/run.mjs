#!/usr/bin/env node
// `npm run bench`: builds and starts the production build locally, then measures
// round trips, throughput, client weight, Lighthouse, offline start, queue replay
// and Worker size. Writes bench/results.json and prints a summary with the targets.
// BENCH_ONLY=roundtrips,throughput,... runs a subset.
import { writeFileSync } from 'node:fs';
import { apiClient } from './client.mjs';
import { freePort, startServer } from './server.mjs';
import { measureRoundTrips } from './roundtrips.mjs';
import { measureThroughput } from './throughput.mjs';
import { measureClientWeight, measureWorkerSize } from './weight.mjs';
import { measureLighthouse } from './lighthouse.mjs';
import { measureOfflineStart, measureReplay } from './offline.mjs';
import { measureFirstVisit } from './first-visit.mjs';
import { summarize } from './summary.mjs';

const only = process.env.BENCH_ONLY?.split(',');
const want = (name) => !only || only.includes(name);
const port = Number(process.env.BENCH_PORT ?? (await freePort()));

// High limits so the throughput run measures the top-up path, not limit refusals.
const server = await startServer({
  port,
  skipBuild: process.env.BENCH_SKIP_BUILD === '1',
  extraArgs: ['--var', 'D1_TRACE:on', '--var', 'LIMIT_TOTAL_MONTHLY:1000000000000', '--var', 'LIMIT_BENEFICIARY_MONTHLY_VERIFIED:1000000000000', '--var', 'REQUEST_LOG:off'],
});
const results = { measured_at: new Date().toISOString(), machine: { cores: (await import('node:os')).cpus().length, node: process.version } };
try {
  const api = apiClient(server.base);
  if (want('roundtrips')) results.round_trips = await measureRoundTrips(api);
  if (want('weight')) results.client = measureClientWeight();
  if (want('worker')) results.worker = measureWorkerSize();
  if (want('first-visit')) results.first_visit = await measureFirstVisit(server.base);
  if (want('throughput')) results.throughput = await measureThroughput(api, server.base, server.dataDir);
  const user = await api.seedUser({ beneficiaries: 5, deposits: 1 });
  if (want('lighthouse')) {
    server.nice(10);
    results.lighthouse = await measureLighthouse(server.base, user);
    server.nice(0);
  }
  if (want('offline')) results.offline_start = await measureOfflineStart(server.base, user);
  if (want('replay')) results.replay = await measureReplay(server.base, await api.seedUser({ beneficiaries: 1, deposits: 1 }));
} finally {
  server.stop();
}
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(summarize(results));
console.log('\nFull results: bench/results.json');
