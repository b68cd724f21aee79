// Builds every JSON response, and every error response in API.md's shape, in one place.
import { ZodError } from "zod";
import { ApiError, type ErrorCode } from "./errors";
import { log } from "../log";

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

// Storage errors (lib/storage/errors.ts) carry messages written for people; map them by class name
// so this module does not depend on the storage layer.
const STORAGE_CODES: Record<string, ErrorCode> = {
  ObjectNotFoundError: "not_found",
  IntegrityError: "conflict",
  StorageUnavailableError: "storage_unavailable",
  BucketNotFoundError: "storage_unavailable",
  AccessDeniedError: "storage_unavailable",
  InsufficientStorageError: "insufficient_storage",
};

function storageCode(error: unknown): ErrorCode | undefined {
  return error instanceof Error ? STORAGE_CODES[error.name] : undefined;
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
  else if (storageCode(error)) apiError = new ApiError(storageCode(error)!, (error as Error).message, undefined, { cause: error });
  else if (prismaCode(error) === "P2002") apiError = new ApiError("conflict", "That already exists.");
  else if (prismaCode(error) === "P2025") apiError = new ApiError("not_found", "Resource not found.");
  else {
    log.error("unhandled error", { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), stack: error instanceof Error ? error.stack : undefined });
    apiError = new ApiError("internal", "Something went wrong on our side. Please try again.");
  }
  return json(
    { error: { code: apiError.code, message: apiError.message, ...apiError.details } },
    { status: apiError.status, headers: apiError.headers },
  );
}
