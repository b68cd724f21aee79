// Points a test file's app at a real S3-protocol server (test/s3-server.ts), started before its
// tests and stopped after them: the suites that run once per storage driver call this for "s3".
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetStorageForTests } from "@/lib/storage";
import { startS3Server, type S3TestServer } from "./s3-server";

/** Answers the running server (a test may stop it to see the app cope with a store that is down). */
export function useS3Storage(extraEnv: Record<string, string> = {}): { server: () => S3TestServer } {
  let server: S3TestServer | undefined;
  beforeAll(async () => {
    server = await startS3Server();
    Object.assign(process.env, server.appEnv, extraEnv);
    resetEnvCache();
    resetStorageForTests();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return { server: () => server! };
}
