import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { startPushService } from './tests/shared/push-service';

// Integration tests run inside workerd against real local D1s with the real
// migrations: the directory and two shards, as wrangler.toml binds them (every test
// exercises the routing). Storage is isolated per test file. Secrets here are test-only.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations/shard'),
          TEST_DIRECTORY_MIGRATIONS: await readD1Migrations('migrations/directory'),
          JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
          PASSWORD_PEPPER: 'test-pepper-0123456789abcdef0123456789abcd',
          // Fewer iterations keep the suite fast; the hash records its count.
          PBKDF2_ITERATIONS: '1000',
          PROVIDER_TIMEOUT_MS: '50',
          REQUEST_LOG: 'off',
          // A test-only VAPID pair (never used anywhere else).
          VAPID_PUBLIC_KEY: 'BJOinoK1tfIx6jBtE-919bfrwrWKggk5OxsDGAdDgHstlZdIbGFYvNnXpunxRfcP-9ftyMCthogJCKDhqxe-spo',
          VAPID_PRIVATE_KEY: '8goAB1pgsVEOp_1rY9fg8jAE6p5KhQYhv1Q0Ip-fga8',
          // A real push service (web-push-testing), started by tests/integration/push-service.ts for this run.
          PUSH_SERVICE_URL: await startPushService(),
        },
      },
    }),
  ],
  test: {
    include: ['tests/integration/**/*.test.ts'],
    setupFiles: ['tests/integration/setup.ts'],
    testTimeout: 30_000,
  },
}));
