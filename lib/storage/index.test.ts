// The driver factory, the fallback for new uploads and the health report.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, resetEnvCache } from "@/lib/env";
import { startS3Server, type S3TestServer } from "@/test/s3-server";
import { defaultDriverName, driverForNewUpload, getDriver, resetStorageForTests, storageHealth } from "./index";

const VARS = [
  "STORAGE_DRIVER",
  "STORAGE_FALLBACK",
  "S3_BUCKET",
  "S3_ENDPOINT",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
];
const SECRET = "health-must-not-show-this-secret";

function configure(vars: Record<string, string>): void {
  for (const name of VARS) delete process.env[name];
  Object.assign(process.env, vars);
  resetEnvCache();
  resetStorageForTests();
}

let s3: S3TestServer | undefined;

beforeEach(() => configure({}));
afterAll(async () => {
  configure({});
  await s3?.stop();
});

describe("storage factory", () => {
  it("defaults to local, or to s3 when a bucket is configured", () => {
    expect(defaultDriverName()).toBe("local");
    configure({ S3_BUCKET: "b" });
    expect(defaultDriverName()).toBe("s3");
    configure({ S3_BUCKET: "b", STORAGE_DRIVER: "local" });
    expect(defaultDriverName()).toBe("local");
  });

  it("caches one instance per driver name", () => {
    expect(getDriver("local")).toBe(getDriver("local"));
    expect(getDriver()).toBe(getDriver("local"));
    configure({ S3_BUCKET: "b" });
    expect(getDriver("s3")).toBe(getDriver("s3"));
    expect(getDriver("s3").name).toBe("s3");
  });

  it("throws ConfigError naming the variable when s3 is chosen without a bucket", () => {
    configure({ STORAGE_DRIVER: "s3" });
    expect(() => getDriver()).toThrow(ConfigError);
    expect(() => getDriver()).toThrow(/S3_BUCKET/);
  });
});

describe("fallback and health", () => {
  const unreachable = {
    STORAGE_DRIVER: "s3",
    S3_BUCKET: "files",
    S3_ENDPOINT: "http://127.0.0.1:9",
    S3_ACCESS_KEY_ID: "AKID",
    S3_SECRET_ACCESS_KEY: SECRET,
  };

  it("sends new uploads to s3 while it is healthy", async () => {
    s3 ??= await startS3Server();
    configure({
      STORAGE_DRIVER: "s3",
      STORAGE_FALLBACK: "local",
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    expect((await driverForNewUpload()).name).toBe("s3");
    expect(await storageHealth()).toEqual({ driver: "s3", ok: true, bucket: s3.bucket, endpoint: s3.endpoint });
  });

  it("without a fallback, keeps s3 and reports it failing", async () => {
    configure(unreachable);
    expect((await driverForNewUpload()).name).toBe("s3");
    const health = await storageHealth();
    expect(health).toMatchObject({ driver: "s3", ok: false, bucket: "files", endpoint: "http://127.0.0.1:9" });
    expect(health.message).toMatch(/Cannot reach/);
    expect(health.fallback).toBeUndefined();
    expect(JSON.stringify(health)).not.toContain(SECRET);
  });

  it("with STORAGE_FALLBACK=local, sends new uploads to local while s3 fails, and says so", async () => {
    configure({ ...unreachable, STORAGE_FALLBACK: "local" });
    expect((await driverForNewUpload()).name).toBe("local");
    const health = await storageHealth();
    expect(health).toMatchObject({ driver: "s3", ok: false, fallback: "local" });
    expect(JSON.stringify(health)).not.toContain(SECRET);
  });

  it("reports a configuration error as unhealthy, naming the variable", async () => {
    configure({ STORAGE_DRIVER: "s3", S3_ACCESS_KEY_ID: "AKID", S3_SECRET_ACCESS_KEY: SECRET });
    const health = await storageHealth();
    expect(health).toMatchObject({ driver: "s3", ok: false });
    expect(health.message).toContain("S3_BUCKET");
    expect(JSON.stringify(health)).not.toContain(SECRET);
  });

  it("reports local healthy", async () => {
    expect(await storageHealth()).toEqual({ driver: "local", ok: true });
  });
});
