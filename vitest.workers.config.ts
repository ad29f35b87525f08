import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

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
        },
        // A small, fast budget beside wrangler.toml's AUTH_LIMITER, to watch a window end (rate-limit.test.ts).
        ratelimits: { TEST_FAST_LIMITER: { namespace_id: '9001', simple: { limit: 3, period: 10 } } },
      },
    }),
  ],
  test: {
    include: ['tests/integration/**/*.test.ts'],
    setupFiles: ['tests/integration/setup.ts'],
    testTimeout: 30_000,
  },
}));
