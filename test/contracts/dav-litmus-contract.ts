// litmus, the WebDAV test suite every DAV server runs (Debian package `litmus`), against the app's
// real HTTP server (test/app-server.ts: the host and router production runs for /dav/).
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppServer } from "@/test/app-server";
import { newUser } from "@/test/api";
import type { TestServer } from "@/test/fetch-server";

const run = promisify(execFile);

export function litmusContract(driver: "local" | "s3") {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof newUser>>;

  beforeAll(async () => {
    server = await startAppServer();
    user = await newUser();
  });
  afterAll(() => server.stop());

  it(`litmus passes basic, copymove, props, locks and http (${driver} driver)`, async () => {
    const { stdout } = await run("litmus", [`${server.url}/dav/`, user.email, user.token], {
      env: { ...process.env, TESTS: "basic copymove props locks http" },
      cwd: os.tmpdir(), // litmus writes its debug.log where it runs
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout}\n${error.stderr}` }));
    const summaries = [...stdout.matchAll(/summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed/g)];
    // Every suite ran (litmus stops after a failing one), nothing failed, and no warning was issued.
    expect(
      summaries.map((m) => m[1]),
      stdout,
    ).toEqual(["basic", "copymove", "props", "locks", "http"]);
    expect(
      summaries.every((m) => m[4] === "0" && m[2] === m[3]),
      stdout,
    ).toBe(true);
    expect(stdout, stdout).not.toMatch(/WARNING|FAIL/);
  }, 300_000);
}
