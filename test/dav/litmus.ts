// Runs litmus, the WebDAV test suite every DAV server runs (Debian package `litmus`), against
// `${url}/dav/` and reads its summary lines. Framework-free: vitest (test/contracts/dav-litmus-contract.ts)
// and Playwright (e2e/webdav.spec.ts) assert on the result.
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

export const LITMUS_SUITES = ["basic", "copymove", "props", "locks", "http"];

export async function runLitmus(url: string, email: string, secret: string) {
  const { stdout } = await run("litmus", [`${url}/dav/`, email, secret], {
    env: { ...process.env, TESTS: LITMUS_SUITES.join(" ") },
    cwd: os.tmpdir(), // litmus writes its debug.log where it runs
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout}\n${error.stderr}` }));
  const summaries = [...stdout.matchAll(/summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed/g)];
  return {
    stdout,
    /** The suites that ran to their summary (litmus stops after a failing one). */
    suites: summaries.map((m) => m[1]),
    allPassed: summaries.every((m) => m[4] === "0" && m[2] === m[3]),
    warnings: /WARNING|FAIL/.test(stdout),
  };
}
