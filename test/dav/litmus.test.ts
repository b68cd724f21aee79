// litmus, the WebDAV test suite every DAV server runs (Debian package `litmus`), against the app's
// real HTTP server (test/app-server.ts: the host and router production runs for /dav/).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppServer } from "../app-server";
import { newUser } from "../api";
import type { TestServer } from "../fetch-server";

const run = promisify(execFile);
let server: TestServer;
let user: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  server = await startAppServer();
  user = await newUser();
});
afterAll(() => server.stop());

it("litmus passes basic, copymove, props, locks and http", async () => {
  const { stdout } = await run("litmus", [`${server.url}/dav/`, user.email, user.token], {
    env: { ...process.env, TESTS: "basic copymove props locks http" },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: `${error.stdout}\n${error.stderr}` }));
  console.log(stdout);
  expect(stdout).not.toMatch(/FAIL/);
}, 300_000);
