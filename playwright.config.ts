import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// The browser: PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// E2E_PORT moves both servers (worktrees running the suite side by side must not share ports).
const LOCAL_PORT = Number(process.env.E2E_PORT ?? 3210);
const S3_PORT = LOCAL_PORT + 1;

export default defineConfig({
  testDir: "e2e",
  outputDir: ".tmp/test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/playwright.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
      ],
    },
  },
  projects: [
    {
      // The accounts journeys first, on the untouched server: its first account becomes the admin.
      name: "local-first-run",
      testMatch: "auth.spec.ts",
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${LOCAL_PORT}` },
    },
    {
      name: "local",
      testIgnore: "auth.spec.ts",
      dependencies: ["local-first-run"],
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${LOCAL_PORT}` },
    },
    {
      // The same journeys against the S3 driver and a real S3-protocol server with bucket CORS.
      name: "s3",
      // Accounts, sign-in security, sessions, accessibility and the admin console do not depend on
      // the storage driver.
      testIgnore: ["auth.spec.ts", "account.spec.ts", "sessions.spec.ts", "a11y.spec.ts", "admin.spec.ts"],
      use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${S3_PORT}` },
    },
  ],
  webServer: [
    {
      command: `tsx e2e/support/serve.ts local ${LOCAL_PORT}`,
      url: `http://localhost:${LOCAL_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `tsx e2e/support/serve.ts s3 ${S3_PORT}`,
      url: `http://localhost:${S3_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
