// The S3 driver against a real S3-protocol server (s3rver, see test/s3-server.ts): the shared
// contract with presigned URLs straight to the bucket and in relay mode through the blob route,
// plus what only S3 does (key prefix, multipart write(), bucket checks and creation).
import crypto from "node:crypto";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { startBlobServer, type BlobTestServer } from "@/test/blob-http-server";
import { startS3Server, type S3TestServer } from "@/test/s3-server";
import { bytesOf, driverContract, send, streamOf } from "@/test/contracts/driver-contract";
import { IntegrityError, ObjectNotFoundError } from "./errors";
import { getDriver, resetStorageForTests } from "./index";
import { newStorageKey } from "./keys";
import { S3Driver } from "./s3";
import { s3SettingsFromEnv, type S3Settings } from "./s3-config";

let s3: S3TestServer;
let app: BlobTestServer;

function configure(extra: Record<string, string | undefined> = {}): void {
  const vars: Record<string, string | undefined> = {
    APP_URL: app.url,
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    S3_PRESIGN: undefined,
    S3_PREFIX: undefined,
    S3_CREATE_BUCKET: undefined,
    ...extra,
  };
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
  resetStorageForTests();
}

function rawClient(): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
}

function settings(overrides: Partial<S3Settings> = {}): S3Settings {
  return { ...s3SettingsFromEnv(), ...overrides };
}

beforeAll(async () => {
  [s3, app] = await Promise.all([startS3Server(), startBlobServer()]);
  configure();
});

afterAll(async () => {
  await Promise.all([s3?.stop(), app?.stop()]);
});

describe("presigned", () => {
  beforeAll(() => configure({ S3_PREFIX: "stowage/test" }));
  driverContract({ label: "s3 (presigned, with key prefix)", driver: () => getDriver("s3"), appUrls: false });

  it("stores keys under S3_PREFIX and hides the prefix from callers", async () => {
    const d = getDriver("s3");
    const k = newStorageKey("prefixed");
    await d.write(k, streamOf("p"), 1);
    const raw = await rawClient().send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "stowage/test/prefixed/" }),
    );
    expect(raw.Contents?.map((o) => o.Key)).toEqual([`stowage/test/${k}`]);
    const listed: string[] = [];
    for await (const o of d.list("prefixed/")) listed.push(o.key);
    expect(listed).toEqual([k]);
  });

  it("lists past one page of results", async () => {
    const d = getDriver("s3");
    const owner = `many${crypto.randomBytes(3).toString("hex")}`;
    const keys = Array.from({ length: 1003 }, () => newStorageKey(owner));
    // s3rver pages at 1000 keys; write in parallel batches to keep this quick.
    for (let i = 0; i < keys.length; i += 100) {
      await Promise.all(keys.slice(i, i + 100).map((k) => d.write(k, streamOf("x"), 1)));
    }
    let count = 0;
    for await (const o of d.list(`${owner}/`)) {
      expect(keys).toContain(o.key);
      count++;
    }
    expect(count).toBe(keys.length);
  });
});

describe("relay mode (S3_PRESIGN=false)", () => {
  beforeAll(() => configure({ S3_PRESIGN: "false" }));
  driverContract({ label: "s3 (relay through the app)", driver: () => getDriver("s3"), appUrls: true });

  it("relays an upload to the bucket and a download back", async () => {
    const d = getDriver("s3");
    const k = newStorageKey("relay");
    const body = crypto.randomBytes(200_000);
    const put = await d.createUploadUrl({ key: k, size: body.length, type: "video/mp4", expiresIn: 60 });
    expect(put.url.startsWith(`${app.url}/api/blob/`)).toBe(true);
    expect((await send(put, body)).status).toBe(200);
    // The bytes are in the bucket, not on local disk.
    const head = await rawClient().send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: k }));
    expect(head.Contents?.[0]?.Size).toBe(body.length);
    expect((await d.stat(k)).type).toBe("video/mp4");
    const get = await d.createDownloadUrl({
      key: k,
      filename: "clip.mp4",
      type: "video/mp4",
      disposition: "inline",
      expiresIn: 60,
    });
    const res = await fetch(get.url, { headers: { Range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(body.subarray(100, 200))).toBe(true);
  });
});

describe("s3 driver", () => {
  beforeAll(() => configure());

  it("writes large bodies as a multipart upload, streaming one part at a time", async () => {
    const d = new S3Driver(settings(), {
      appUrl: app.url,
      multipartWriteThreshold: 1024 * 1024,
      writePartSize: 1024 * 1024,
    });
    const k = newStorageKey("multi");
    const body = crypto.randomBytes(2.5 * 1024 * 1024);
    // Odd-sized chunks, so parts are cut across chunk boundaries.
    const chunks: Buffer[] = [];
    for (let i = 0; i < body.length; i += 300_001) chunks.push(body.subarray(i, i + 300_001));
    await d.write(k, streamOf(...chunks), body.length, "application/octet-stream");
    expect((await d.stat(k)).size).toBe(body.length);
    expect((await bytesOf((await d.read(k)).body)).equals(body)).toBe(true);

    const long = newStorageKey("multi");
    await expect(d.write(long, streamOf(body, "x"), body.length)).rejects.toMatchObject({
      name: "IntegrityError",
      reason: "too_large",
    });
    await expect(d.stat(long)).rejects.toBeInstanceOf(ObjectNotFoundError);
    const short = newStorageKey("multi");
    await expect(d.write(short, streamOf(body.subarray(1)), body.length)).rejects.toBeInstanceOf(IntegrityError);
    await expect(d.stat(short)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it("creates a missing bucket on first use when S3_CREATE_BUCKET=true", async () => {
    const bucket = `fresh-${crypto.randomBytes(4).toString("hex")}`;
    const without = new S3Driver(settings({ bucket }), { appUrl: app.url });
    const missing = await without.check();
    expect(missing).toMatchObject({ driver: "s3", ok: false, bucket, endpoint: s3.endpoint });
    expect(missing.message).toMatch(/does not exist/);
    expect(missing.message).toMatch(/S3_CREATE_BUCKET/);

    const creating = new S3Driver(settings({ bucket, createBucket: true }), { appUrl: app.url });
    const k = newStorageKey("created");
    await creating.write(k, streamOf("new"), 3);
    expect((await creating.stat(k)).size).toBe(3);
    expect(await creating.check()).toMatchObject({ ok: true, bucket });
  });

  it("caches check() for a few seconds", async () => {
    const d = new S3Driver(settings(), { appUrl: app.url });
    const first = d.check();
    expect(d.check()).toBe(first);
    expect((await first).ok).toBe(true);
  });

  it("reports wrong credentials and an unreachable endpoint in words, without secrets", async () => {
    const secret = "not-the-right-secret-1234";
    const wrong = new S3Driver(settings({ credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: secret } }), {
      appUrl: app.url,
    });
    const denied = await wrong.check();
    expect(denied.ok).toBe(false);
    expect(denied.message).toMatch(/Access denied|S3_SECRET_ACCESS_KEY/);
    expect(JSON.stringify(denied)).not.toContain(secret);
    await expect(wrong.stat("a/b")).rejects.toMatchObject({ name: "AccessDeniedError" });

    const unknownKey = new S3Driver(settings({ credentials: { accessKeyId: "NOBODY", secretAccessKey: secret } }), {
      appUrl: app.url,
    });
    await expect(unknownKey.read("a/b")).rejects.toMatchObject({
      name: "AccessDeniedError",
      message: expect.stringMatching(/S3_ACCESS_KEY_ID/),
    });

    const down = new S3Driver(settings({ endpoint: "http://127.0.0.1:9" }), { appUrl: app.url });
    const report = await down.check();
    expect(report).toMatchObject({ ok: false, endpoint: "http://127.0.0.1:9" });
    expect(report.message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
