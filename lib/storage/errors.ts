// Storage failures as a small class hierarchy, so services and routes can answer without
// knowing which driver failed. Every error keeps the original (AWS SDK or fs) error as `cause`
// and has a message a person can act on. Messages never contain secrets or signed URLs.

export type StorageErrorCode =
  | "storage_error"
  | "not_found"
  | "upload_not_found"
  | "integrity"
  | "invalid_key"
  | "invalid_range"
  | "unavailable"
  | "access_denied"
  | "bucket_not_found"
  | "wrong_region"
  | "insufficient_storage";

/** Base of every storage failure. `status` is the HTTP status a route should answer with. */
export class StorageError extends Error {
  override name = "StorageError";
  readonly code: StorageErrorCode = "storage_error";
  readonly status: number = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No object is stored at the key. */
export class ObjectNotFoundError extends StorageError {
  override name = "ObjectNotFoundError";
  override readonly code: StorageErrorCode = "not_found";
  override readonly status: number = 404;
  constructor(
    readonly key: string,
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? `No stored object at key "${key}".`, options);
  }
}

/** The multipart upload id is unknown to the store (never created, completed or aborted). */
export class UploadNotFoundError extends ObjectNotFoundError {
  override name = "UploadNotFoundError";
  override readonly code: StorageErrorCode = "upload_not_found";
  constructor(key: string, uploadId: string, options?: { cause?: unknown }) {
    super(key, {
      ...options,
      message: `No multipart upload "${uploadId}" for key "${key}": it was completed, aborted or never started.`,
    });
  }
}

/** The bytes are not what was declared: wrong length, wrong part list, wrong ETag. */
export class IntegrityError extends StorageError {
  override name = "IntegrityError";
  override readonly code: StorageErrorCode = "integrity";
  override readonly status: number = 400;
  /** "too_large" when more bytes arrived than declared (HTTP 413), else "mismatch". */
  readonly reason: "too_large" | "too_short" | "mismatch";
  constructor(message: string, options?: { cause?: unknown; reason?: "too_large" | "too_short" | "mismatch" }) {
    super(message, options);
    this.reason = options?.reason ?? "mismatch";
  }

  /** The standard "declared N bytes, got M" error for a body of the wrong length. */
  static wrongLength(expected: number, received: number, complete = true): IntegrityError {
    if (received > expected) {
      return new IntegrityError(`The body is longer than the declared ${expected} bytes.`, { reason: "too_large" });
    }
    return new IntegrityError(
      complete
        ? `The body has ${received} bytes but ${expected} were declared.`
        : `The body ended after ${received} of the declared ${expected} bytes.`,
      { reason: "too_short" },
    );
  }
}

/** A key that drivers refuse before touching disk or network (`..`, leading `/`, bad characters). */
export class InvalidKeyError extends StorageError {
  override name = "InvalidKeyError";
  override readonly code: StorageErrorCode = "invalid_key";
  override readonly status: number = 400;
}

/** A byte range outside the object (HTTP 416). */
export class InvalidRangeError extends StorageError {
  override name = "InvalidRangeError";
  override readonly code: StorageErrorCode = "invalid_range";
  override readonly status: number = 416;
  constructor(
    readonly size: number,
    message = `The requested range is not inside the object (size ${size} bytes).`,
  ) {
    super(message);
  }
}

/** The store cannot serve requests now: unreachable, misconfigured or failing (HTTP 503). */
export class StorageUnavailableError extends StorageError {
  override name = "StorageUnavailableError";
  override readonly code: StorageErrorCode = "unavailable";
  override readonly status: number = 503;
}

/** The credentials are missing, unknown or lack permission, or a folder is not writable. */
export class AccessDeniedError extends StorageUnavailableError {
  override name = "AccessDeniedError";
  override readonly code: StorageErrorCode = "access_denied";
}

/** The configured bucket does not exist. */
export class BucketNotFoundError extends StorageUnavailableError {
  override name = "BucketNotFoundError";
  override readonly code: StorageErrorCode = "bucket_not_found";
}

/** The bucket lives in another region than S3_REGION. */
export class WrongRegionError extends StorageUnavailableError {
  override name = "WrongRegionError";
  override readonly code: StorageErrorCode = "wrong_region";
}

/** The disk (or the store's quota) is full (HTTP 507). */
export class InsufficientStorageError extends StorageError {
  override name = "InsufficientStorageError";
  override readonly code: StorageErrorCode = "insufficient_storage";
  override readonly status: number = 507;
}

/** Where a failure happened, to word the message. */
export interface ErrorContext {
  op: string;
  key?: string;
  uploadId?: string;
  bucket?: string;
  endpoint?: string;
  region?: string;
  /** The local storage folder (local driver). */
  dir?: string;
}

interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function errorCode(err: ErrorLike): string | undefined {
  if (typeof err.code === "string") return err.code;
  const cause = err.cause as ErrorLike | undefined;
  if (cause && typeof cause === "object" && typeof cause.code === "string") return cause.code;
  return undefined;
}

function where(ctx: ErrorContext): string {
  return ctx.key ? ` (${ctx.op} "${ctx.key}")` : ` (${ctx.op})`;
}

/** Maps a file-system error from the local driver to a StorageError. */
export function fromFsError(err: unknown, ctx: ErrorContext): StorageError {
  if (err instanceof StorageError) return err;
  const e = (err ?? {}) as ErrorLike;
  const code = errorCode(e);
  const dir = ctx.dir ? ` "${ctx.dir}"` : "";
  switch (code) {
    case "ENOENT":
      if (ctx.uploadId && ctx.key) return new UploadNotFoundError(ctx.key, ctx.uploadId, { cause: err });
      return new ObjectNotFoundError(ctx.key ?? "", { cause: err });
    case "ENOSPC":
    case "EDQUOT":
      return new InsufficientStorageError(
        `The storage folder${dir} is out of disk space${where(ctx)}. Free some space or move STORAGE_LOCAL_DIR to a larger disk.`,
        { cause: err },
      );
    case "EACCES":
    case "EPERM":
      return new AccessDeniedError(
        `The app may not write to the storage folder${dir}${where(ctx)}: permission denied. Give the user running Stowage read and write access to it.`,
        { cause: err },
      );
    case "EROFS":
      return new AccessDeniedError(
        `The storage folder${dir} is on a read-only file system${where(ctx)}. Point STORAGE_LOCAL_DIR at a writable disk.`,
        { cause: err },
      );
    case "EIO":
    case "EMFILE":
    case "ENFILE":
      return new StorageUnavailableError(`The storage folder${dir} failed${where(ctx)}: ${e.message ?? code}.`, { cause: err });
    default:
      return new StorageError(`Storage failed${where(ctx)}: ${e.message ?? String(err)}`, { cause: err });
  }
}

/** Maps an AWS SDK v3 error (or a network error under it) to a StorageError. */
export function fromS3Error(err: unknown, ctx: ErrorContext): StorageError {
  if (err instanceof StorageError) return err;
  const e = (err ?? {}) as ErrorLike;
  const name = e.name ?? "";
  const s3Code = e.Code ?? name;
  const status = e.$metadata?.httpStatusCode;
  const code = errorCode(e);
  const bucket = ctx.bucket ? `"${ctx.bucket}"` : "the bucket";
  const endpoint = ctx.endpoint ?? "the S3 endpoint";

  if (code && NETWORK_CODES.has(code)) {
    return new StorageUnavailableError(
      `Cannot reach ${endpoint} (${code})${where(ctx)}. Check S3_ENDPOINT, the network and that the store is running.`,
      { cause: err },
    );
  }
  if (name === "TimeoutError" || name === "RequestTimeout" || name === "AbortError") {
    return new StorageUnavailableError(`${endpoint} did not answer in time${where(ctx)}.`, { cause: err });
  }
  if (name === "CredentialsProviderError") {
    return new AccessDeniedError(
      `No S3 credentials found${where(ctx)}. Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or provide credentials the AWS SDK can find (environment, profile, instance role).`,
      { cause: err },
    );
  }

  switch (s3Code) {
    case "NoSuchKey":
      return new ObjectNotFoundError(ctx.key ?? "", { cause: err });
    case "NoSuchUpload":
      return new UploadNotFoundError(ctx.key ?? "", ctx.uploadId ?? "", { cause: err });
    case "NoSuchBucket":
      return new BucketNotFoundError(
        `The bucket ${bucket} does not exist at ${endpoint}${where(ctx)}. Create it, fix S3_BUCKET, or set S3_CREATE_BUCKET=true.`,
        { cause: err },
      );
    case "InvalidAccessKeyId":
      return new AccessDeniedError(
        `${endpoint} does not know the access key id${where(ctx)}. Check S3_ACCESS_KEY_ID (and S3_ENDPOINT / S3_PROVIDER).`,
        { cause: err },
      );
    case "SignatureDoesNotMatch":
      return new AccessDeniedError(
        `${endpoint} rejected the request signature${where(ctx)}. Check S3_SECRET_ACCESS_KEY and S3_REGION.`,
        { cause: err },
      );
    case "AccessDenied":
    case "AllAccessDisabled":
    case "InvalidToken":
    case "ExpiredToken":
    case "InvalidBucketState":
      return new AccessDeniedError(
        `Access denied to bucket ${bucket}${where(ctx)}. The credentials need s3:GetObject, s3:PutObject, s3:DeleteObject, s3:ListBucket and multipart permissions on it.`,
        { cause: err },
      );
    case "PermanentRedirect":
    case "AuthorizationHeaderMalformed":
    case "IllegalLocationConstraintException": {
      const actual = e.$response?.headers?.["x-amz-bucket-region"];
      return new WrongRegionError(
        `The bucket ${bucket} is in ${actual ? `region "${actual}"` : "another region"}, not "${ctx.region ?? "?"}"${where(ctx)}. Set S3_REGION${actual ? `=${actual}` : " to the bucket's region"}.`,
        { cause: err },
      );
    }
    case "InvalidPart":
    case "InvalidPartOrder":
    case "EntityTooSmall":
    case "EntityTooLarge":
    case "BadDigest":
    case "IncompleteBody":
    case "InvalidDigest":
      return new IntegrityError(`The store refused the data${where(ctx)}: ${e.message ?? s3Code}.`, { cause: err });
    case "InvalidRange":
      return new InvalidRangeError(0);
    case "QuotaExceeded":
    case "StorageQuotaExceeded":
    case "InsufficientStorage":
      return new InsufficientStorageError(`The store is out of space${where(ctx)}.`, { cause: err });
    case "SlowDown":
    case "ServiceUnavailable":
    case "InternalError":
      return new StorageUnavailableError(`${endpoint} is failing or overloaded${where(ctx)}; try again later.`, { cause: err });
  }

  // Errors of HEAD requests carry no body, so only the status is known.
  switch (status) {
    case 301:
    case 307: {
      const actual = e.$response?.headers?.["x-amz-bucket-region"];
      return new WrongRegionError(
        `The bucket ${bucket} is in ${actual ? `region "${actual}"` : "another region"}, not "${ctx.region ?? "?"}"${where(ctx)}. Set S3_REGION${actual ? `=${actual}` : " to the bucket's region"}.`,
        { cause: err },
      );
    }
    case 400:
      if (ctx.op === "check" || ctx.op === "ensureBucket") {
        return new StorageUnavailableError(
          `${endpoint} answered 400 Bad Request for bucket ${bucket}${where(ctx)}. Check S3_REGION, S3_ENDPOINT and S3_FORCE_PATH_STYLE.`,
          { cause: err },
        );
      }
      break;
    case 403:
      return new AccessDeniedError(
        `Access denied to bucket ${bucket}${where(ctx)}. Check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and the key's permissions.`,
        { cause: err },
      );
    case 404:
      if (ctx.op === "check" || ctx.op === "ensureBucket" || !ctx.key) {
        return new BucketNotFoundError(
          `The bucket ${bucket} does not exist at ${endpoint}${where(ctx)}. Create it, fix S3_BUCKET, or set S3_CREATE_BUCKET=true.`,
          { cause: err },
        );
      }
      return new ObjectNotFoundError(ctx.key, { cause: err });
    case 416:
      return new InvalidRangeError(0);
    case 507:
      return new InsufficientStorageError(`The store is out of space${where(ctx)}.`, { cause: err });
  }
  if (status !== undefined && status >= 500) {
    return new StorageUnavailableError(`${endpoint} answered ${status}${where(ctx)}; try again later.`, { cause: err });
  }
  return new StorageError(`S3 request failed${where(ctx)}: ${s3Code || "error"}${e.message ? `: ${e.message}` : ""}`, {
    cause: err,
  });
}
