import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { resetStorageForTests } from "@/lib/storage";
import { startS3Server } from "@/test/s3-server";
import { shareDownloadContract } from "./download-contract";

let server: Awaited<ReturnType<typeof startS3Server>>;

beforeAll(async () => {
  server = await startS3Server();
  Object.assign(process.env, {
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: server.endpoint,
    S3_BUCKET: server.bucket,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: server.accessKeyId,
    S3_SECRET_ACCESS_KEY: server.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
  });
  resetEnvCache();
  resetStorageForTests();
});

afterAll(async () => {
  await server?.stop();
});

shareDownloadContract("s3");
