// `npm test`: the whole suite, in order: type check, unit + integration (vitest, both storage
// drivers), production build, then the browser journeys (Playwright in Chromium).
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const steps = [
  ["Type check", "node_modules/.bin/tsc", ["--noEmit", "-p", "."]],
  ["Unit and integration tests", "node_modules/.bin/vitest", ["run"]],
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
