import { defineConfig } from "vitest/config";

// The servers under test run as `npm start` runs them: React's and Express's production code paths
// (vitest would set NODE_ENV=test; Express then stays silent about errors production would print).
const production = { NODE_ENV: "production" } as const;

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ["tests/support/setup.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "server/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          env: production,
          // Files of a worker share its modules (the server build, drizzle, parse5) instead of importing
          // them again each: every file starts its own server and database, and keeps nothing global.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          env: production,
          isolate: false,
          // After the other projects: vitest runs projects of one worker count as one group.
          sequence: { groupOrder: 1 },
          // Each file drives Chromium beside its server, more than one core's work: two at once on a
          // 2-core machine only makes both twice as slow.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
