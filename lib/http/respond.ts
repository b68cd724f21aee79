// Builds every JSON response, and every error response in API.md's shape, in one place.
import { ZodError } from "zod";
import { ApiError, type ErrorCode } from "./errors";
import { log } from "../log";
import { ConfigError } from "../env";
import {
  IntegrityError,
  InvalidRangeError,
  StorageError,
  StorageUnavailableError,
  type StorageErrorCode,
} from "../storage/errors";

/** JSON response that serialises BigInt as a number (sizes are JSON numbers in API.md). */
export function json(data: unknown, init?: ResponseInit): Response {
  const body = JSON.stringify(data, (_key, value) => (typeof value === "bigint" ? Number(value) : value));
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  return new Response(body, { ...init, headers });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

function zodMessage(error: ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue?.message ?? "invalid input"}`;
}

/** A storage failure as the API error a client can act on (the store's own words, never a secret). */
function fromStorageError(error: StorageError): ApiError {
  if (error instanceof IntegrityError) {
    return new ApiError(error.reason === "too_large" ? "too_large" : "invalid_request", error.message);
  }
  if (error instanceof InvalidRangeError) {
    return new ApiError("range_not_satisfiable", error.message, undefined, { headers: { "Content-Range": `bytes */${error.size}` } });
  }
  const byCode: Partial<Record<StorageErrorCode, ErrorCode>> = {
    not_found: "not_found",
    upload_not_found: "not_found",
    invalid_key: "invalid_request",
    insufficient_storage: "insufficient_storage",
  };
  const code = byCode[error.code] ?? (error instanceof StorageUnavailableError ? "storage_unavailable" : undefined);
  if (!code) return unexpected(error);
  if (code === "storage_unavailable") {
    // The store's own words (endpoint, bucket) are for the operator: logged here, and shown by /api/health.
    log.warn("storage unavailable", { error: `${error.name}: ${error.message}` });
    return new ApiError(code, "File storage is unavailable right now. Try again in a moment.", undefined, { cause: error });
  }
  // Storage messages name keys and upload ids: internal names a client has no use for.
  const messages: Partial<Record<ErrorCode, string>> = {
    insufficient_storage: "The server is out of storage space; the upload was not kept.",
    not_found: "The file's bytes were not found in storage.",
  };
  const message = messages[code] ?? error.message;
  return new ApiError(code, message, undefined, { cause: error });
}

function unexpected(error: unknown): ApiError {
  log.error("unhandled error", {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new ApiError("internal", "Something went wrong on our side. Please try again.");
}

function prismaCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** Maps any thrown value to an error response; unexpected errors are logged and hidden. */
export function toErrorResponse(error: unknown): Response {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof ZodError) apiError = new ApiError("invalid_request", zodMessage(error));
  else if (error instanceof StorageError) apiError = fromStorageError(error);
  else if (error instanceof ConfigError) {
    log.error("configuration error", { message: error.message });
    apiError = new ApiError("storage_unavailable", "File storage is not configured correctly on this server.");
  } else if (prismaCode(error) === "P2002") apiError = new ApiError("conflict", "That already exists.");
  else if (prismaCode(error) === "P2025") apiError = new ApiError("not_found", "Resource not found.");
  else apiError = unexpected(error);
  return json(
    { error: { code: apiError.code, message: apiError.message, ...apiError.details } },
    { status: apiError.status, headers: apiError.headers },
  );
}
