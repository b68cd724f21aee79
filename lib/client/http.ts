// Small JSON-over-fetch helpers for the browser, shaped by the API contract's error format:
// every error is {"error": {"code", "message", ...}}.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** An error answer from the app's API (or a network failure, with status 0). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The contract's snake_case code, e.g. `quota_exceeded`; `network_error` for status 0. */
  readonly code: string;
  /** The whole `error` object of the answer (it may carry extra fields, e.g. `remainingBytes`). */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const FALLBACK_CODES: Record<number, string> = {
  400: "invalid_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  410: "gone",
  413: "too_large",
  415: "unsupported_type",
  429: "rate_limited",
};

/** True for errors thrown because an AbortSignal fired. */
export function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

/** An `AbortError` like the one fetch throws, for code that must reject the same way. */
export function abortError(): Error {
  const error = new Error("The operation was aborted.");
  error.name = "AbortError";
  return error;
}

/** Builds an ApiError from a non-2xx response, reading the contract's error body when there is one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): fall back to the status.
  }
  const error =
    typeof body === "object" && body !== null && typeof (body as { error?: unknown }).error === "object"
      ? ((body as { error: Record<string, unknown> }).error ?? {})
      : {};
  const code = typeof error.code === "string" ? error.code : (FALLBACK_CODES[response.status] ?? "server_error");
  const message =
    typeof error.message === "string" && error.message
      ? error.message
      : response.status >= 500
        ? "The server had a problem. Try again in a moment."
        : `Request failed (HTTP ${response.status}).`;
  return new ApiError(response.status, code, message, error);
}

/**
 * Sends a request and parses the JSON answer. Throws ApiError for error answers and network
 * failures (status 0), and rethrows AbortError untouched.
 */
export async function requestJson<T>(
  fetchImpl: FetchLike,
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal; keepalive?: boolean } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers:
        init.body === undefined
          ? { Accept: "application/json" }
          : { Accept: "application/json", "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      keepalive: init.keepalive,
    });
  } catch (error) {
    if (isAbortError(error) || init.signal?.aborted) throw error;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection.");
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, "invalid_response", "The server sent an unreadable answer.");
  }
}
