// `npm test`: the whole suite, in order: type check, unit + integration (vitest, both storage
// drivers), production build, then the browser journeys (Playwright in Chromium).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
for (const report of [".tmp/vitest.json", ".tmp/playwright.json"]) fs.rmSync(report, { force: true });
const steps = [
  ["Type check", "node_modules/.bin/tsc", ["--noEmit", "-p", "."]],
  ["Lint", "npm", ["run", "--silent", "lint"]],
  [
    "Unit and integration tests",
    "node_modules/.bin/vitest",
    ["run", "--reporter=default", "--reporter=json", "--outputFile.json=.tmp/vitest.json"],
  ],
  ["Production build", "node_modules/.bin/next", ["build"]],
  ["Browser tests", "node_modules/.bin/playwright", ["test"]],
];

for (const [title, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
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
const unit = readJson(".tmp/vitest.json");
const browser = readJson(".tmp/playwright.json");
const passed = (unit?.numPassedTests ?? 0) + (browser?.stats?.expected ?? 0) + (browser?.stats?.flaky ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (browser?.stats?.unexpected ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (browser?.stats?.skipped ?? 0);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
