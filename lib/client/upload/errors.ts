import { formatBytes } from "@/lib/bytes";
import { ApiError } from "@/lib/client/http";

/**
 * Why an upload failed. `message` is always a sentence fit for the user
 * ("Not enough space: 1.2 GB left"); `retryable` says whether trying again may help.
 */
export class UploadError extends Error {
  override readonly name = "UploadError";
  readonly code: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** For `quota_exceeded`: bytes still free and the quota, as the server reported them. */
  readonly remainingBytes: number | undefined;
  readonly quotaBytes: number | undefined;

  constructor(
    code: string,
    message: string,
    options: {
      status?: number;
      retryable?: boolean;
      remainingBytes?: number;
      quotaBytes?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.remainingBytes = options.remainingBytes;
    this.quotaBytes = options.quotaBytes;
  }
}

/** HTTP statuses worth another try: timeouts, rate limits, server and gateway trouble, no answer. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** "Not enough space: 1.2 GB left" (or without the figure when the server gave none). */
export function quotaMessage(remainingBytes: number | undefined): string {
  return remainingBytes === undefined
    ? "Not enough space left in your storage."
    : `Not enough space: ${formatBytes(Math.max(0, remainingBytes))} left`;
}

/** Turns an API error answer into an UploadError with a message for people. */
export function uploadErrorFromApi(error: ApiError): UploadError {
  const base = { status: error.status, retryable: isRetryableStatus(error.status), cause: error };
  switch (error.code) {
    case "quota_exceeded": {
      const remainingBytes = numberOrUndefined(error.details.remainingBytes);
      return new UploadError("quota_exceeded", quotaMessage(remainingBytes), {
        ...base,
        retryable: false,
        remainingBytes,
        quotaBytes: numberOrUndefined(error.details.quotaBytes),
      });
    }
    case "unauthenticated":
      return new UploadError(error.code, "Your session has expired. Sign in again, then retry.", base);
    case "network_error":
      return new UploadError(error.code, "Network error. Check your connection, then retry.", {
        ...base,
        retryable: true,
      });
    case "rate_limited":
      return new UploadError(error.code, error.message || "Too many requests. Wait a moment, then retry.", base);
    default:
      // too_large, unsupported_type, invalid_request, conflict, ...: the server's own sentence.
      return new UploadError(error.code, error.message, base);
  }
}

/** Any thrown value as an UploadError (AbortErrors should be handled before calling this). */
export function toUploadError(error: unknown): UploadError {
  if (error instanceof UploadError) return error;
  if (error instanceof ApiError) return uploadErrorFromApi(error);
  const message = error instanceof Error && error.message ? error.message : "The upload failed.";
  return new UploadError("unknown", message, { cause: error });
}

/** True when the server no longer knows the upload (expired, aborted, someone else's). */
export function isUploadGone(error: unknown): boolean {
  const status = error instanceof UploadError ? error.status : error instanceof ApiError ? error.status : undefined;
  return status === 404 || status === 410;
}
