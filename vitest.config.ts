import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration and browser tests live in test/.
// Integration files share one machine's ports and databases, so files run one at a time
// in a fork each; tests inside a file run in order.
export default defineConfig({
  test: {
    include: ['{protocol,geofences,simulator,server,web}/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Verbose in CI so the log names every test and the database it ran on; the summary
    // reporter ends the run with a plain 'Tests: N passed, N failed, N skipped' line.
    reporters: [process.env.CI ? 'verbose' : 'default', './test/support/summary-reporter.ts'],
  },
});
