import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// Pure domain rules and the app's offline logic (against fake-indexeddb), in Node.
export default defineConfig({
  plugins: [solid()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    // A stray console.error/console.warn fails the test (tests/shared/console-guard.ts).
    setupFiles: ['tests/unit/setup.ts'],
    // A bound for a hung test, not a speed check (speed is npm run bench): vitest's 5 s default
    // failed the OpenAPI document's checks on a CI machine shared with two CPU hogs (8.4 s).
    testTimeout: 30_000,
  },
});
