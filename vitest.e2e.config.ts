import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium against the production build served by `npm start`
// (scripts/start.mjs), started once by the global setup on a free port with a
// fresh data directory. Files run one after the other: one server, 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
    teardownTimeout: 30_000,
    // expect.poll waits on a condition; vitest's default budget (1 s) is a guess about time that a
    // loaded machine breaks (the bell's unread count after a sync: 2 s under two CPU hogs). The same
    // budget as Playwright's own waits (30 s): a poll that passes returns as soon as it holds.
    expect: { poll: { timeout: 30_000 } },
  },
});
