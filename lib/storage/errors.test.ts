// AWS SDK and file-system errors become StorageError subclasses with actionable messages.
import { describe, expect, it, vi } from "vitest";
import {
  AccessDeniedError,
  BucketNotFoundError,
  InsufficientStorageError,
  IntegrityError,
  ObjectNotFoundError,
  StorageError,
  StorageUnavailableError,
  UploadNotFoundError,
  WrongRegionError,
} from "./errors";
import { fromFsError } from "./local-fs";
import { fromS3Error } from "./s3-error-map";

const ctx = { op: "stat", key: "u1/abc", bucket: "files", endpoint: "https://s3.example.com", region: "us-east-1" };

function awsError(name: string, status: number, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });
}

function fsError(code: string) {
  return Object.assign(new Error(`${code}: something`), { code });
}

describe("fromS3Error", () => {
  it("keeps the original as cause", () => {
    const original = awsError("NoSuchKey", 404);
    const mapped = fromS3Error(original, ctx);
    expect(mapped).toBeInstanceOf(ObjectNotFoundError);
    expect(mapped.cause).toBe(original);
    expect(mapped.status).toBe(404);
  });

  it("maps the errors people have to act on", () => {
    const cases: [unknown, new (...a: never[]) => StorageError, RegExp][] = [
      [awsError("NotFound", 404), ObjectNotFoundError, /u1\/abc/],
      [awsError("NoSuchBucket", 404), BucketNotFoundError, /bucket "files" does not exist.*S3_BUCKET/],
      [awsError("NotFound", 404), BucketNotFoundError, /does not exist/], // HeadBucket (op check, below)
      [awsError("AccessDenied", 403), AccessDeniedError, /Access denied to bucket "files"/],
      [awsError("Unknown", 403), AccessDeniedError, /S3_ACCESS_KEY_ID/], // HEAD: no body, status only
      [awsError("InvalidAccessKeyId", 403), AccessDeniedError, /S3_ACCESS_KEY_ID/],
      [awsError("SignatureDoesNotMatch", 403), AccessDeniedError, /S3_SECRET_ACCESS_KEY/],
      [
        awsError("PermanentRedirect", 301, { $response: { headers: { "x-amz-bucket-region": "eu-west-1" } } }),
        WrongRegionError,
        /S3_REGION=eu-west-1/,
      ],
      [awsError("Unknown", 301), WrongRegionError, /another region/],
      [
        Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        StorageUnavailableError,
        /Cannot reach https:\/\/s3\.example\.com/,
      ],
      [Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }), StorageUnavailableError, /S3_ENDPOINT/],
      [awsError("TimeoutError", 0), StorageUnavailableError, /did not answer in time/],
      [awsError("CredentialsProviderError", 0), AccessDeniedError, /No S3 credentials/],
      [awsError("SlowDown", 503), StorageUnavailableError, /overloaded/],
      [awsError("Unknown", 502), StorageUnavailableError, /502/],
      [awsError("NoSuchUpload", 404), UploadNotFoundError, /multipart upload/],
      [awsError("InvalidPart", 400), IntegrityError, /refused the data/],
      [awsError("EntityTooSmall", 400), IntegrityError, /refused the data/],
    ];
    cases.forEach(([err, type, message], i) => {
      const c = i === 2 ? { ...ctx, op: "check", key: undefined } : ctx;
      const mapped = fromS3Error(err, c);
      expect(mapped, String(i)).toBeInstanceOf(type);
      expect(mapped.message, String(i)).toMatch(message);
    });
  });

  it("wraps anything else as a plain StorageError", () => {
    const mapped = fromS3Error(awsError("WeirdThing", 418), ctx);
    expect(mapped.constructor).toBe(StorageError);
    expect(mapped.message).toContain("WeirdThing");
  });

  it("passes StorageErrors through", () => {
    const err = new IntegrityError("x");
    expect(fromS3Error(err, ctx)).toBe(err);
  });
});

describe("fromFsError", () => {
  it("maps file-system codes", () => {
    const dctx = { op: "write", key: "u1/abc", dir: "/srv/files" };
    expect(fromFsError(fsError("ENOENT"), dctx)).toBeInstanceOf(ObjectNotFoundError);
    expect(fromFsError(fsError("ENOENT"), { ...dctx, uploadId: "up" })).toBeInstanceOf(UploadNotFoundError);
    const full = fromFsError(fsError("ENOSPC"), dctx);
    expect(full).toBeInstanceOf(InsufficientStorageError);
    expect(full.status).toBe(507);
    expect(full.message).toMatch(/"\/srv\/files" is out of disk space/);
    expect(fromFsError(fsError("EDQUOT"), dctx)).toBeInstanceOf(InsufficientStorageError);
    expect(fromFsError(fsError("EACCES"), dctx).message).toMatch(/permission denied/);
    expect(fromFsError(fsError("EACCES"), dctx)).toBeInstanceOf(AccessDeniedError);
    expect(fromFsError(fsError("EROFS"), dctx).message).toMatch(/read-only/);
    expect(fromFsError(fsError("EIO"), dctx)).toBeInstanceOf(StorageUnavailableError);
    const other = fromFsError(fsError("EWHATEVER"), dctx);
    expect(other.constructor).toBe(StorageError);
    expect(other.cause).toMatchObject({ code: "EWHATEVER" });
  });
});

describe("instanceof across copies of the module", () => {
  it("matches an error made by another copy (Next compiles a module once per layer; drivers are shared)", async () => {
    vi.resetModules();
    const other = await import("./errors");
    expect(other.ObjectNotFoundError).not.toBe(ObjectNotFoundError);
    const error = new other.UploadNotFoundError("k", "u");
    expect(error instanceof ObjectNotFoundError).toBe(true);
    expect(error instanceof StorageError).toBe(true);
    expect(error instanceof IntegrityError).toBe(false);
    expect(new other.ObjectNotFoundError("k") instanceof other.UploadNotFoundError).toBe(false);
    expect(new Error("plain") instanceof StorageError).toBe(false);
  });
});
