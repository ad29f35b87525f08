/**
 * Starts the real server once for the e2e suite: `node scripts/start.mjs` builds
 * the PWA, applies the migrations to a fresh temporary D1 and serves app + API.
 * It runs in its own process group, killed as a whole afterwards (wrangler leaves
 * workerd behind otherwise). No Chromium is a failure, never a skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The server's local databases (TOPUP_DATA_DIR): the console's test grants roles there (npm run admin:grant). */
    dataDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited early (code ${server.exitCode}); see test-results/e2e-server.log`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs / 1000}s; see test-results/e2e-server.log`);
}

export default async function setup(project: TestProject) {
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium was not found at ${chromium}. The e2e suite needs a real browser:\n` +
        `  apt-get install -y chromium\n` +
        `or point CHROMIUM_PATH at a Chromium/Chrome binary.`,
    );
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'topup-e2e-'));
  mkdirSync('test-results', { recursive: true });
  const log = createWriteStream('test-results/e2e-server.log');
  // --test-scheduled: a test can fire the cron (GET /cdn-cgi/handler/scheduled), as the contract says.
  const server = spawn('node', ['scripts/start.mjs', '--test-scheduled'], {
    detached: true, // its own process group: we kill wrangler and workerd together
    stdio: ['ignore', 'pipe', 'pipe'],
    // Vitest sets NODE_ENV=test, which would make `vite build` a development build.
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), TOPUP_DATA_DIR: dataDir, WRANGLER_SEND_METRICS: 'false' },
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseURL}/api/health`, server, 240_000);
  } catch (error) {
    stop();
    throw error;
  }
  project.provide('baseURL', baseURL);
  project.provide('dataDir', dataDir);

  return async () => {
    const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    stop();
    // Until the server has ended on SIGTERM; 10 s is only a bound (the group is killed either way: workerd may linger).
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    try {
      if (server.pid) process.kill(-server.pid, 'SIGKILL');
    } catch {
      // exited on SIGTERM
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
