import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: `npm run test:e2e` builds the web app, then runs these against the
 * local runtime serving it, in Debian's chromium. One file at a time: each drives a browser.
 */
export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../..'),
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // A page answers when the local runtime does: on a busy 2-core machine that can take longer than
    // expect.poll's default second, so polls wait up to 15 s (a bound on waiting, not a speed check).
    expect: { poll: { timeout: 15_000 } },
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  },
});
