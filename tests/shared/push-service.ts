/**
 * A real Web Push service for the tests: web-push-testing (npm), in this Node process.
 * It hands out subscriptions for an application server key, verifies each push's VAPID
 * JWT against that key, decrypts its aes128gcm payload and keeps what arrived; a
 * subscription it was told to expire answers 410. Endpoints: http://localhost:<port>/notify/<hash>.
 */
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

type Server = { startServer(): void; _server?: { unref(): void; on(event: string, listener: () => void): void } };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts one for this test run and answers its base URL (it never keeps the process alive). */
export async function startPushService(): Promise<string> {
  const require = createRequire(import.meta.url);
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => unknown };
  const WebPushTestingServer = require('web-push-testing/src/server.js') as new (model: unknown, port: number) => Server;
  const port = await freePort();
  const server = new WebPushTestingServer(new PushApiModel(), port);
  const log = console.log;
  console.log = () => undefined; // "Server running on port …"
  try {
    server.startServer();
  } finally {
    console.log = log;
  }
  server._server?.unref();
  await waitUntilUp(`http://localhost:${port}`);
  return `http://localhost:${port}`;
}

/** Polls until the service answers; 30 s bounds a start on a loaded machine (it is up in well under 1 s on a quiet one). */
async function waitUntilUp(base: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/status`, { method: 'POST' }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`web-push-testing did not start at ${base} within 30 s`);
}
