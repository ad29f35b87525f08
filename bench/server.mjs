// Starts the production build with `node scripts/start.mjs` in its own process
// group (wrangler leaves workerd running otherwise) and stops the whole group.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** A port nobody listens on (so the bench never measures someone else's server). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer({ port, extraArgs = [], skipBuild = false, dataDir = mkdtempSync(join(tmpdir(), 'topup-bench-')) }) {
  const child = spawn('node', ['scripts/start.mjs', ...extraArgs], {
    env: { ...process.env, PORT: String(port), TOPUP_DATA_DIR: dataDir, WRANGLER_SEND_METRICS: 'false', ...(skipBuild ? { TOPUP_SKIP_BUILD: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    dataDir,
    /** Everything the server printed so far (the Worker's log lines included). */
    output: () => output,
    /**
     * The server's processes (wrangler, workerd) at a lower CPU priority (nice 10), or back at 0:
     * while a browser is measured, the local server shares the machine's cores with the page,
     * which on a phone it would not. Going back needs root; elsewhere the server stays nice.
     */
    nice(level) {
      spawnSync('renice', ['-n', String(level), '-g', String(child.pid)], { stdio: 'ignore' });
    },
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
