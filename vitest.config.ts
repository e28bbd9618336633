import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'functions/src/**/*.test.ts',
      'functions/test/**/*.test.ts',
      'infra/test/**/*.test.ts',
      'test/**/*.test.ts',
      'web/src/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    // One DynamoDB Local for the whole run; each test file makes its own table in it.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A failing property test prints its seed; fast-check reads it back from here to replay.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  },
});
