// What the S3 driver derives from the environment and what it signs — no network needed.
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/env";
import { S3Driver } from "./s3";
import { displayEndpoint, s3SettingsFromEnv } from "./s3-config";

const base = {
  S3_BUCKET: "files",
  S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
  S3_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const settings = (vars: Record<string, string>) => s3SettingsFromEnv(parseEnv({ ...base, ...vars }));

function configErrorOf(vars: Record<string, string | undefined>): ConfigError {
  try {
    s3SettingsFromEnv(parseEnv(vars));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("S3 settings", () => {
  it("default to AWS: no endpoint, virtual-host style, presigned", () => {
    expect(settings({})).toMatchObject({
      provider: "generic",
      bucket: "files",
      region: "us-east-1",
      endpoint: undefined,
      forcePathStyle: false,
      presign: true,
      prefix: "",
      credentials: { accessKeyId: "AKIDEXAMPLE" },
    });
    expect(settings({ S3_PROVIDER: "aws", S3_REGION: "eu-west-3" })).toMatchObject({
      endpoint: undefined,
      region: "eu-west-3",
      forcePathStyle: false,
    });
  });

  it("use path style for a custom endpoint and MinIO", () => {
    expect(settings({ S3_ENDPOINT: "http://minio:9000" })).toMatchObject({
      endpoint: "http://minio:9000",
      forcePathStyle: true,
    });
    expect(settings({ S3_PROVIDER: "minio", S3_ENDPOINT: "http://minio:9000" })).toMatchObject({
      forcePathStyle: true,
    });
    expect(settings({ S3_ENDPOINT: "http://minio:9000", S3_FORCE_PATH_STYLE: "false" })).toMatchObject({
      forcePathStyle: false,
    });
  });

  it("map RunPod datacenters to their endpoints, path style and relay mode", () => {
    const cases = {
      "EUR-IS-1": "https://s3api-eur-is-1.runpod.io/",
      "EU-RO-1": "https://s3api-eu-ro-1.runpod.io/",
      "EU-CZ-1": "https://s3api-eu-cz-1.runpod.io/",
      "US-KS-2": "https://s3api-us-ks-2.runpod.io/",
      "US-CA-2": "https://s3api-us-ca-2.runpod.io/",
    };
    for (const [dc, endpoint] of Object.entries(cases)) {
      expect(settings({ S3_PROVIDER: "runpod", S3_RUNPOD_DATACENTER: dc })).toMatchObject({
        provider: "runpod",
        endpoint,
        region: dc,
        forcePathStyle: true,
        presign: false,
      });
    }
  });

  it("map Backblaze B2 and Cloudflare R2", () => {
    expect(settings({ S3_PROVIDER: "b2", S3_REGION: "us-west-004" })).toMatchObject({
      endpoint: "https://s3.us-west-004.backblazeb2.com",
      region: "us-west-004",
      forcePathStyle: false,
    });
    expect(settings({ S3_PROVIDER: "r2", S3_ENDPOINT: "https://acc123.r2.cloudflarestorage.com" })).toMatchObject({
      endpoint: "https://acc123.r2.cloudflarestorage.com",
      region: "auto",
    });
  });

  it("normalize the key prefix and read SSE and bucket creation", () => {
    expect(settings({ S3_PREFIX: "/stowage/prod/" }).prefix).toBe("stowage/prod/");
    expect(settings({ S3_SSE: "AES256", S3_CREATE_BUCKET: "true" })).toMatchObject({
      sse: "AES256",
      createBucket: true,
    });
    expect(configErrorOf({ ...base, S3_PREFIX: "a/../b" }).message).toContain("S3_PREFIX");
  });

  it("fall back to the SDK's credential chain without keys", () => {
    expect(s3SettingsFromEnv(parseEnv({ S3_BUCKET: "files" })).credentials).toBeUndefined();
  });

  it("name the variable of an incomplete configuration", () => {
    expect(configErrorOf({ STORAGE_DRIVER: "s3" }).message).toContain("S3_BUCKET");
    expect(configErrorOf({ S3_BUCKET: "b", S3_ACCESS_KEY_ID: "AKID" }).message).toMatch(
      /S3_SECRET_ACCESS_KEY: required when S3_ACCESS_KEY_ID/,
    );
    expect(configErrorOf({ S3_BUCKET: "b", S3_SECRET_ACCESS_KEY: "s" }).message).toMatch(/S3_ACCESS_KEY_ID: required/);
    expect(configErrorOf({ S3_BUCKET: "vol", S3_PROVIDER: "runpod" }).message).toContain("S3_RUNPOD_DATACENTER");
    expect(
      configErrorOf({ S3_BUCKET: "vol", S3_PROVIDER: "runpod", S3_RUNPOD_DATACENTER: "EU-RO-1", S3_PRESIGN: "true" })
        .message,
    ).toContain("S3_PRESIGN");
    expect(configErrorOf({ S3_BUCKET: "b", S3_PROVIDER: "r2" }).message).toContain("S3_ENDPOINT");
    expect(configErrorOf({ S3_BUCKET: "b", S3_PROVIDER: "minio" }).message).toContain("S3_ENDPOINT");
    expect(configErrorOf({ S3_BUCKET: "b", S3_PROVIDER: "b2" }).message).toContain("S3_REGION");
    // Never a secret in the message.
    expect(configErrorOf({ S3_ACCESS_KEY_ID: "AKID", S3_SECRET_ACCESS_KEY: "topsecret" }).message).not.toContain(
      "topsecret",
    );
  });

  it("show endpoints without credentials", () => {
    expect(displayEndpoint({ endpoint: "https://user:pw@minio.example:9000/", region: "x" })).toBe(
      "https://minio.example:9000",
    );
    expect(displayEndpoint({ endpoint: undefined, region: "eu-west-1" })).toBe("https://s3.eu-west-1.amazonaws.com");
  });
});

describe("presigned URLs", () => {
  const driver = (vars: Record<string, string> = {}) =>
    new S3Driver(settings({ S3_ENDPOINT: "https://s3.example.com", ...vars }), { appUrl: "http://app.test" });

  it("bind Content-Length and Content-Type on PUT, with no checksum parameter", async () => {
    const signed = await driver().createUploadUrl({
      key: "u1/abc",
      size: 1234,
      type: "application/pdf",
      expiresIn: 900,
    });
    const url = new URL(signed.url);
    expect(url.origin + url.pathname).toBe("https://s3.example.com/files/u1/abc");
    expect(url.searchParams.get("X-Amz-SignedHeaders")!.split(";")).toEqual(
      expect.arrayContaining(["content-length", "content-type", "host"]),
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().startsWith("x-amz-checksum"))).toEqual([]);
    expect(url.searchParams.get("x-amz-sdk-checksum-algorithm")).toBeNull();
    expect(signed.headers).toEqual({ "Content-Type": "application/pdf" });
    expect(signed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 890_000);
  });

  it("bind Content-Length on parts, with no checksum parameter", async () => {
    const signed = await driver().signPart({
      key: "u1/abc",
      uploadId: "UP123",
      partNumber: 3,
      size: 5_242_880,
      expiresIn: 600,
    });
    const url = new URL(signed.url);
    expect(url.searchParams.get("partNumber")).toBe("3");
    expect(url.searchParams.get("uploadId")).toBe("UP123");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toContain("content-length");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("600");
    expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().startsWith("x-amz-checksum"))).toEqual([]);
  });

  it("apply the key prefix and sign SSE as a header the client must send", async () => {
    const signed = await driver({ S3_PREFIX: "app/", S3_SSE: "AES256" }).createUploadUrl({
      key: "u1/abc",
      size: 1,
      type: "text/plain",
      expiresIn: 60,
    });
    const url = new URL(signed.url);
    expect(url.pathname).toBe("/files/app/u1/abc");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toContain("x-amz-server-side-encryption");
    expect(signed.headers["x-amz-server-side-encryption"]).toBe("AES256");
  });

  it("cap expiry at 7 days", async () => {
    const signed = await driver().createUploadUrl({
      key: "u1/abc",
      size: 1,
      type: "text/plain",
      expiresIn: 30 * 24 * 3600,
    });
    expect(new URL(signed.url).searchParams.get("X-Amz-Expires")).toBe(String(7 * 24 * 3600));
  });

  it("download with the file name and type, and never HTML or SVG inline", async () => {
    const d = driver();
    const signed = await d.createDownloadUrl({
      key: "u1/abc",
      filename: "naïve.txt",
      type: "text/plain",
      disposition: "inline",
      expiresIn: 60,
    });
    const url = new URL(signed.url);
    expect(url.searchParams.get("response-content-disposition")).toBe(
      `inline; filename="naive.txt"; filename*=UTF-8''na%C3%AFve.txt`,
    );
    expect(url.searchParams.get("response-content-type")).toBe("text/plain");
    for (const type of ["text/html", "image/svg+xml", "application/xml"]) {
      const s = await d.createDownloadUrl({ key: "u1/abc", filename: "x", type, disposition: "inline", expiresIn: 60 });
      expect(new URL(s.url).searchParams.get("response-content-disposition")).toMatch(/^attachment; /);
    }
  });

  it("point at the app in relay mode (RunPod)", async () => {
    const d = new S3Driver(settings({ S3_PROVIDER: "runpod", S3_RUNPOD_DATACENTER: "EU-RO-1" }), {
      appUrl: "http://app.test",
    });
    expect(d.relay).toBe(true);
    const put = await d.createUploadUrl({ key: "u1/abc", size: 5, type: "text/plain", expiresIn: 60 });
    expect(put.url).toMatch(/^http:\/\/app\.test\/api\/blob\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const part = await d.signPart({ key: "u1/abc", uploadId: "UP", partNumber: 1, size: 5, expiresIn: 60 });
    expect(part.url).toMatch(/^http:\/\/app\.test\/api\/blob\//);
    const get = await d.createDownloadUrl({
      key: "u1/abc",
      filename: "a",
      type: "text/plain",
      disposition: "attachment",
      expiresIn: 60,
    });
    expect(get.url).toMatch(/^http:\/\/app\.test\/api\/blob\//);
  });
});
