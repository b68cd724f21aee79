// litmus, the WebDAV test suite every DAV server runs (Debian package `litmus`), against the app's
// real HTTP server (test/app-server.ts: the host and router production runs for /dav/).
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppServer } from "@/test/app-server";
import { newUser } from "@/test/api";
import { LITMUS_SUITES, runLitmus } from "@/test/dav/litmus";
import type { TestServer } from "@/test/fetch-server";

export function litmusContract(driver: "local" | "s3") {
  let server: TestServer;
  let user: Awaited<ReturnType<typeof newUser>>;

  beforeAll(async () => {
    server = await startAppServer();
    user = await newUser();
  });
  afterAll(() => server.stop());

  it(`litmus passes basic, copymove, props, locks and http (${driver} driver)`, async () => {
    const result = await runLitmus(server.url, user.email, user.token);
    // Every suite ran, nothing failed, and no warning was issued.
    expect(result.suites, result.stdout).toEqual(LITMUS_SUITES);
    expect(result.allPassed, result.stdout).toBe(true);
    expect(result.warnings, result.stdout).toBe(false);
  }, 300_000);
}
