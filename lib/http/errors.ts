// The one error type services throw for anything a client did wrong. `toErrorResponse`
// (lib/http/respond.ts) turns it, and every other error, into API.md's error shape.

export type ErrorCode =
  | "invalid_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "quota_exceeded"
  | "too_large"
  | "unsupported_type"
  | "rate_limited"
  | "range_not_satisfiable"
  | "insufficient_storage"
  | "storage_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  quota_exceeded: 413,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  range_not_satisfiable: 416,
  insufficient_storage: 507,
  storage_unavailable: 503,
  internal: 500,
};

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields placed beside code and message (e.g. remainingBytes). */
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options);
    this.status = STATUS[code];
    this.headers = options?.headers;
  }

  readonly headers?: Record<string, string>;
}

export const invalid = (message: string, details?: Record<string, unknown>) =>
  new ApiError("invalid_request", message, details);
export const unauthenticated = (message = "Sign in to continue.") => new ApiError("unauthenticated", message);
export const forbidden = (message = "You are not allowed to do that.") => new ApiError("forbidden", message);
export const notFound = (what = "Resource") => new ApiError("not_found", `${what} not found.`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new ApiError("conflict", message, details);
export const gone = (message: string) => new ApiError("gone", message);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new ApiError("rate_limited", message, { retryAfterSeconds }, { headers: { "Retry-After": String(retryAfterSeconds) } });
