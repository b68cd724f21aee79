// The storage error hierarchy. Services and routes answer from `code` and `status` without
// knowing which driver failed; the mappers (fs-error-map.ts, s3-error-map.ts) build these.

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
