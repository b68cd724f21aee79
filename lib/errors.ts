// Domain errors: what a caller did wrong, named by a code. Services throw them; they know
// nothing of HTTP. The HTTP layer (lib/http/respond.ts) maps each code to a status and
// builds API.md's error shape, so the mapping lives in one place.

export type ErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "gone"
  | "file_unavailable"
  /** 409: the upload being aborted was completed first; the file exists (details.fileId). */
  | "upload_completed"
  | "quota_exceeded"
  | "too_large"
  | "unsupported_type"
  | "rate_limited"
  | "range_not_satisfiable"
  | "insufficient_storage"
  | "storage_unavailable"
  | "server_busy"
  | "internal";

export class DomainError extends Error {
  override name = "DomainError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields placed beside code and message (e.g. remainingBytes, retryAfterSeconds). */
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const invalid = (message: string, details?: Record<string, unknown>) =>
  new DomainError("invalid_request", message, details);
export const unauthenticated = (message = "Sign in to continue.") => new DomainError("unauthenticated", message);
export const forbidden = (message = "You are not allowed to do that.") => new DomainError("forbidden", message);
export const notFound = (what = "Resource") => new DomainError("not_found", `${what} not found.`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError("conflict", message, details);
export const gone = (message: string, details?: Record<string, unknown>) => new DomainError("gone", message, details);
/** 503: the database could not take the request in time (a burst beyond its connections); try again shortly. */
export const serverBusy = (cause?: unknown) =>
  new DomainError(
    "server_busy",
    "The server is busy right now. Please try again in a moment.",
    {
      retryAfterSeconds: 2,
    },
    { cause },
  );
/** 429; the HTTP layer turns retryAfterSeconds into a Retry-After header. */
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError("rate_limited", message, { retryAfterSeconds });
