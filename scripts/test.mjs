// `npm test`: the whole suite, in order: type check, derived database files, unit + integration
// (vitest, both storage drivers; SQLite, then PostgreSQL when one is reachable), production build,
// then the browser journeys (Playwright in Chromium).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { findTestPostgres } from "./test-postgres.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const reports = [".tmp/vitest.json", ".tmp/vitest-postgresql.json", ".tmp/playwright.json"];
for (const report of reports) fs.rmSync(report, { force: true });
const vitest = (report, stepEnv) => [
  "node_modules/.bin/vitest",
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
  stepEnv,
];
const sqliteEnv = { ...env };
delete sqliteEnv.TEST_DATABASE_URL;
const postgresUrl = await findTestPostgres();
if (!postgresUrl)
  console.log(
    "PostgreSQL: none found (no TEST_DATABASE_URL, no local server that lets this user in): the integration suite runs on SQLite only.",
  );
const steps = [
  ["Type check", "node_modules/.bin/tsc", ["--noEmit", "-p", "."]],
  ["Lint", "npm", ["run", "--silent", "lint"]],
  ["Derived database files", "node_modules/.bin/tsx", ["scripts/derive.ts", "--check"]],
  ["Unit and integration tests (SQLite)", ...vitest(".tmp/vitest.json", sqliteEnv)],
  ...(postgresUrl
    ? [
        [
          "Integration tests (PostgreSQL)",
          ...vitest(".tmp/vitest-postgresql.json", { ...env, TEST_DATABASE_URL: postgresUrl }),
        ],
      ]
    : []),
  ["Production build", "npm", ["run", "--silent", "build"]],
  // The two-instance journey (e2e/instances.spec.ts) runs on PostgreSQL when there is one.
  [
    "Browser tests",
    "node_modules/.bin/playwright",
    ["test"],
    postgresUrl ? { ...env, TEST_DATABASE_URL: postgresUrl } : env,
  ],
];

for (const [title, command, args, stepEnv = env] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: stepEnv });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

// One closing line for the whole suite, counted from both runners' JSON reports.
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
const units = [readJson(".tmp/vitest.json"), readJson(".tmp/vitest-postgresql.json")];
const browser = readJson(".tmp/playwright.json");
const sum = (field) => units.reduce((total, unit) => total + (unit?.[field] ?? 0), 0);
const passed = sum("numPassedTests") + (browser?.stats?.expected ?? 0) + (browser?.stats?.flaky ?? 0);
const failed = sum("numFailedTests") + (browser?.stats?.unexpected ?? 0);
const skipped = sum("numPendingTests") + sum("numTodoTests") + (browser?.stats?.skipped ?? 0);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
