/**
 * Three test layers (STYLE.md §10), run by name: `vitest run --project unit|integration|e2e`.
 * `npm test` runs them in that order and stops at the first that fails.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Servers and Chromium get time to stop (teardown is project-wide, so it is set here).
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Builds dist/ once if it is missing or stale; every file then starts its own server.
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Each file runs a real server process: on 2 cores, two files at a time at most.
          pool: 'forks',
          maxWorkers: 2,
          // A server's cold start and a first render (variants, content read) take seconds.
          testTimeout: 30_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          pool: 'forks',
          // One Chromium and one server at a time: journeys are serial, in file and across files.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
