// What the deployed Worker weighs and costs to start (docs/decisions/016-lean-worker.md):
// the bundle `wrangler deploy --dry-run` makes for an environment, its gzip size, the
// bytes each package contributes (from esbuild's metafile), and the start-up CPU time
// `wrangler check startup` profiles. Used by `npm run check` (the budget) and `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The production Worker's budget, gzip (issue 19). */
export const WORKER_GZIP_BUDGET = 100 * 1024;

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

function wrangler(args) {
  const result = spawnSync('npx', ['wrangler', ...args], { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Bytes in the output per npm package ("(own)" for TopUp's code), largest first. */
export function bytesByPackage(metafile) {
  const by = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
      const name = match ? match[1] : '(own)';
      by.set(name, (by.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes }));
}

/**
 * The bundle of `environment` ('' = local): raw and gzip bytes, and per package the bytes
 * in the (minified) output with their share of the gzip size (proportional: gzip works on
 * the whole file, so a package's own gzip size is an estimate).
 */
export function workerSize(environment = 'production') {
  const outdir = join('.wrangler', 'dry-run', `size-${environment || 'local'}`);
  mkdirSync(outdir, { recursive: true });
  const metafile = join(outdir, 'meta.json');
  wrangler(['deploy', '--dry-run', '--outdir', outdir, '--metafile', metafile, ...(environment ? ['--env', environment] : [])]);
  const code = readFileSync(join(outdir, 'index.js'));
  const gzip = gzipSync(code, { level: 9 }).length;
  const packages = bytesByPackage(JSON.parse(readFileSync(metafile, 'utf8')));
  const total = packages.reduce((n, p) => n + p.bytes, 0) || 1;
  return {
    environment: environment || 'local',
    bundle_bytes: code.length,
    bundle_gzip_bytes: gzip,
    packages: packages.map((p) => ({ ...p, gzip_share_bytes: Math.round((p.bytes / total) * gzip) })),
  };
}

/** Start-up CPU time ("Active" in the profile) of `runs` cold starts, and their median. */
export function workerStartup(environment = 'production', runs = 5) {
  const bundle = join('.wrangler', 'dry-run', `startup-${environment}.bundle`);
  wrangler(['deploy', '--dry-run', '--env', environment, '--outfile', bundle]);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = wrangler(['check', 'startup', '--env', environment, '--worker', bundle, '--outfile', join('.wrangler', 'dry-run', `startup-${i}.cpuprofile`)]);
    const active = /Active:\s*([\d.]+)\s*ms/.exec(out);
    if (active) samples.push(Number(active[1]));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: samples, median_ms: sorted.length ? sorted[Math.floor(sorted.length / 2)] : null };
}

/** The top packages as lines, for a budget failure or a summary. */
export function packageLines(size, top = 8) {
  return size.packages.slice(0, top).map((p) => `    ${p.name.padEnd(28)} ${(p.bytes / 1024).toFixed(1).padStart(7)} KB in output, ~${(p.gzip_share_bytes / 1024).toFixed(1)} KB gzip`);
}
