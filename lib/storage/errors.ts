// Storage failures as a small class hierarchy, so services and routes can answer from `code` and
// `status` without knowing which driver failed. Every error keeps the original (AWS SDK or fs)
// error as `cause` and has a message a person can act on; messages never contain secrets or
// signed URLs. The driver-specific mappers that build these sit beside their drivers:
// `fromFsError` in local-fs.ts, `fromS3Error` in s3-error-map.ts.

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
  | "insufficient_storage"
  | "unsupported";

/**
 * Base of every storage failure. `status` is the HTTP status a route should answer with.
 * `instanceof` also holds for an error made by another copy of this module: Next compiles a module
 * once per layer, and the drivers are shared across layers (lib/per-process.ts), so a driver made
 * by one layer throws that layer's classes. The classes are matched by their `kind` instead.
 */
export class StorageError extends Error {
  static readonly kind: string = "StorageError";
  static override [Symbol.hasInstance](this: { kind: string }, value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
      if ((proto.constructor as { kind?: unknown } | undefined)?.kind === this.kind) return true;
    }
    return false;
  }
  override name = "StorageError";
  readonly code: StorageErrorCode = "storage_error";
  readonly status: number = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No object is stored at the key. */
export class ObjectNotFoundError extends StorageError {
  static override readonly kind: string = "ObjectNotFoundError";
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
  static override readonly kind: string = "UploadNotFoundError";
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
  static override readonly kind: string = "IntegrityError";
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
  static override readonly kind: string = "InvalidKeyError";
  override name = "InvalidKeyError";
  override readonly code: StorageErrorCode = "invalid_key";
  override readonly status: number = 400;
}

/** A byte range outside the object (HTTP 416). */
export class InvalidRangeError extends StorageError {
  static override readonly kind: string = "InvalidRangeError";
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
  static override readonly kind: string = "StorageUnavailableError";
  override name = "StorageUnavailableError";
  override readonly code: StorageErrorCode = "unavailable";
  override readonly status: number = 503;
}

/** The credentials are missing, unknown or lack permission, or a folder is not writable. */
export class AccessDeniedError extends StorageUnavailableError {
  static override readonly kind: string = "AccessDeniedError";
  override name = "AccessDeniedError";
  override readonly code: StorageErrorCode = "access_denied";
}

/** The configured bucket does not exist. */
export class BucketNotFoundError extends StorageUnavailableError {
  static override readonly kind: string = "BucketNotFoundError";
  override name = "BucketNotFoundError";
  override readonly code: StorageErrorCode = "bucket_not_found";
}

/** The bucket lives in another region than S3_REGION. */
export class WrongRegionError extends StorageUnavailableError {
  static override readonly kind: string = "WrongRegionError";
  override name = "WrongRegionError";
  override readonly code: StorageErrorCode = "wrong_region";
}

/** The disk (or the store's quota) is full (HTTP 507). */
export class InsufficientStorageError extends StorageError {
  static override readonly kind: string = "InsufficientStorageError";
  override name = "InsufficientStorageError";
  override readonly code: StorageErrorCode = "insufficient_storage";
  override readonly status: number = 507;
}

/** The store does not offer this operation (e.g. an S3-compatible store without ListMultipartUploads). */
export class UnsupportedOperationError extends StorageError {
  static override readonly kind: string = "UnsupportedOperationError";
  override name = "UnsupportedOperationError";
  override readonly code: StorageErrorCode = "unsupported";
  override readonly status: number = 501;
}

// What the error mappers are told about a failure, and the reading of raw errors they share.

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

/** The fields of an fs, network or AWS SDK error that the mappers look at. */
export interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
}

/** The error's code (ENOENT, ECONNREFUSED…), else its cause's: some clients wrap the socket error. */
export function errorCode(err: ErrorLike): string | undefined {
  if (typeof err.code === "string") return err.code;
  const cause = err.cause as ErrorLike | undefined;
  if (cause && typeof cause === "object" && typeof cause.code === "string") return cause.code;
  return undefined;
}

/** ` (op "key")`, appended to messages so a log line says which operation failed. */
export function where(ctx: ErrorContext): string {
  return ctx.key ? ` (${ctx.op} "${ctx.key}")` : ` (${ctx.op})`;
}
