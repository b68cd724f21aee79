import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Left out of the PostgreSQL run (TEST_DATABASE_URL), to keep it within a few minutes: suites that
 * never reach the database (they ran on SQLite already, and would test nothing new); the S3 twins
 * of the per-driver suites (their database calls are those of the local twin, which runs; the S3
 * driver ran on SQLite); and the data-folder suite, which is about the SQLite file's permissions.
 */
const NOT_ON_POSTGRES = [
  "**/*.s3.test.ts",
  "components/**",
  "lib/client/**",
  "lib/storage/**",
  "lib/env.test.ts",
  "lib/auth/callback.test.ts",
  "lib/auth/options.test.ts",
  "lib/http/csp.test.ts",
  "lib/http/host-headers.test.ts",
  "test/data-folder.test.ts",
  // 1,000 files through rclone: the same database calls as the WebDAV suites that do run there.
  "test/dav/rclone.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "server/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", ...(process.env.TEST_DATABASE_URL ? NOT_ON_POSTGRES : [])],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // A PostgreSQL round trip crosses processes: suites doing thousands of them need longer there.
    testTimeout: process.env.TEST_DATABASE_URL ? 120_000 : 30_000,
    hookTimeout: 60_000,
    // Suites share nothing but the machine: each one gets its own database and data folder
    // (TEST_DATABASE_URL=postgresql://… runs them on PostgreSQL: scripts/postgres.ts).
    pool: "forks",
  },
});
