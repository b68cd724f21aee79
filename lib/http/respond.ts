// Builds every JSON response, and every error response in API.md's shape, in one place:
// the status of each domain error code is decided here and nowhere else.
import { ZodError } from "zod";
import { DomainError, serverBusy, type ErrorCode } from "../errors";
import { log } from "../log";
import { ConfigError } from "../env";
import { contentDisposition } from "../storage/content";
import type { ReadResult } from "../storage/types";
import {
  IntegrityError,
  InvalidRangeError,
  StorageError,
  StorageUnavailableError,
  type StorageErrorCode,
} from "../storage/errors";

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  file_unavailable: 409,
  upload_completed: 409,
  quota_exceeded: 413,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  range_not_satisfiable: 416,
  insufficient_storage: 507,
  storage_unavailable: 503,
  server_busy: 503,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** JSON response that serialises BigInt as a number (sizes are JSON numbers in API.md). */
/** A stored object's bytes: 206 with Content-Range for a range, else 200; Content-Length either way. */
export function bytesResponse(result: ReadResult, headers: Record<string, string>): Response {
  if (!result.range) {
    return new Response(result.body, { headers: { ...headers, "content-length": String(result.size) } });
  }
  const { start, end } = result.range;
  return new Response(result.body, {
    status: 206,
    headers: {
      ...headers,
      "content-length": String(end - start + 1),
      "content-range": `bytes ${start}-${end}/${result.size}`,
    },
  });
}

export function json(data: unknown, init?: ResponseInit): Response {
  const body = JSON.stringify(data, (_key, value) => (typeof value === "bigint" ? Number(value) : value));
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  headers.set("cache-control", "no-store");
  headers.set("content-length", String(Buffer.byteLength(body))); // lets the server skip gzip for small answers
  return new Response(body, { ...init, headers });
}

/**
 * 302 to a signed URL (downloads, thumbnails), never sniffed. Not cached, unless `maxAgeSeconds`
 * lets this browser reuse it for a while (it must be shorter than the signed URL's life).
 */
export function redirect(location: string, maxAgeSeconds = 0): Response {
  const cache = maxAgeSeconds > 0 ? `private, max-age=${maxAgeSeconds}` : "no-store";
  return new Response(null, {
    status: 302,
    headers: { location, "cache-control": cache, "x-content-type-options": "nosniff" },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}

/**
 * A schema failure as a 400 the browser can show next to the right input: `field` names the
 * failing field (its path joined with dots, e.g. "email" or "parts.0.etag"), `message` says what
 * is wrong with it, so no client has to parse field names out of the message.
 */
function fromZodError(error: ZodError): DomainError {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join(".") : undefined;
  return new DomainError(
    "invalid_request",
    issue?.message ?? "The request is not valid.",
    field ? { field } : undefined,
  );
}

/** A storage failure as the API error a client can act on (the store's own words, never a secret). */
function fromStorageError(error: StorageError): DomainError {
  if (error instanceof IntegrityError) {
    return new DomainError(error.reason === "too_large" ? "too_large" : "invalid_request", error.message);
  }
  if (error instanceof InvalidRangeError) {
    return new DomainError("range_not_satisfiable", error.message);
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
    return new DomainError(code, "File storage is unavailable right now. Try again in a moment.", undefined, {
      cause: error,
    });
  }
  // Storage messages name keys and upload ids: internal names a client has no use for.
  const messages: Partial<Record<ErrorCode, string>> = {
    insufficient_storage: "The server is out of storage space; the upload was not kept.",
    not_found: "The file's bytes were not found in storage.",
  };
  const message = messages[code] ?? error.message;
  return new DomainError(code, message, undefined, { cause: error });
}

function unexpected(error: unknown): DomainError {
  log.error("unhandled error", {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new DomainError("internal", "Something went wrong on our side. Please try again.");
}

function prismaCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/**
 * Prisma's answers when the database cannot take the request in time, however valid it is: no
 * transaction could start within DATABASE_WAIT_SECONDS (P2028 "Unable to start a transaction"; its
 * other P2028s are about a transaction already under way), SQLite's lock stayed taken by another
 * process (P1008), PostgreSQL refused another connection (P2037), or PostgreSQL ended a transaction
 * that waited on another in a deadlock or a write conflict (P2034: trying again succeeds).
 */
function databaseBusy(error: unknown): boolean {
  const code = prismaCode(error);
  if (code === "P1008" || code === "P2037" || code === "P2034") return true;
  return code === "P2028" && String((error as { message?: unknown }).message).includes("Unable to start a transaction");
}

/** Headers an error response carries besides its body. */
function errorHeaders(error: unknown, domain: DomainError, extra?: HeadersInit): Headers {
  const headers = new Headers(extra);
  const retryAfter = domain.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers.set("Retry-After", String(Math.max(1, Math.ceil(retryAfter))));
  if (error instanceof InvalidRangeError) headers.set("Content-Range", `bytes */${error.size}`);
  return headers;
}

/** Any thrown value as a domain error; unexpected errors are logged and hidden. */
function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof ZodError) return fromZodError(error);
  // decodeURIComponent and encodeURIComponent throw it for malformed escapes and lone surrogates: bad input.
  if (error instanceof URIError)
    return new DomainError(
      "invalid_request",
      "The request contains a malformed percent-escape or text that is not valid Unicode.",
    );
  if (error instanceof StorageError) return fromStorageError(error);
  if (error instanceof ConfigError) {
    log.error("configuration error", { message: error.message });
    return new DomainError("storage_unavailable", "File storage is not configured correctly on this server.");
  }
  if (prismaCode(error) === "P2002") return new DomainError("conflict", "That already exists.");
  if (prismaCode(error) === "P2025") return new DomainError("not_found", "Resource not found.");
  if (databaseBusy(error)) {
    log.warn("database busy: request refused", { error: String((error as Error).message).slice(0, 200) });
    return serverBusy(error);
  }
  return unexpected(error);
}

/** One item's failure inside a batch answer: the status and error body its own request would have had. */
export function errorEntry(error: unknown): { status: number; error: { code: ErrorCode; message: string } } {
  const domain = toDomainError(error);
  return { status: STATUS[domain.code], error: { code: domain.code, message: domain.message, ...domain.details } };
}

/** Maps any thrown value to an error response; unexpected errors are logged and hidden. */
export function toErrorResponse(error: unknown, extraHeaders?: HeadersInit): Response {
  const domain = toDomainError(error);
  return json(
    { error: { code: domain.code, message: domain.message, ...domain.details } },
    { status: STATUS[domain.code], headers: errorHeaders(error, domain, extraHeaders) },
  );
}

/** A streamed download: `attachment` with an RFC 6266 file name, never cached, never sniffed. */
export function attachment(
  body: ReadableStream<Uint8Array>,
  o: { filename: string; type: string; length?: number },
): Response {
  const headers: Record<string, string> = {
    "content-type": o.type,
    "content-disposition": contentDisposition("attachment", o.filename),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  if (o.length !== undefined) headers["content-length"] = String(o.length);
  return new Response(body, { status: 200, headers });
}
