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
    reporters: ['default'],
  },
});
