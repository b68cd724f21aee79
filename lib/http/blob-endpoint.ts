// The app-served storage endpoint, `/api/blob/<token>`: uploads and downloads of the local
// driver and of the S3 driver in relay mode. The token (url-token.ts) is the whole
// authorization: it binds the driver, operation, key, exact size, type and expiry, so the route
// needs no session. Bodies stream straight through; nothing is held in memory. This module is the
// HTTP side (methods, headers, Range, statuses); the storage work is lib/storage-ops/blob.ts's.
//
// Answers (errors in the API shape {"error":{"code","message"}}):
//   403 forbidden          bad or tampered token; method the token is not for; Content-Type other than signed
//   403 forbidden          the owner of the key is disabled (policy.isOwnerActive)
//   403 forbidden          a GET whose scope has ended (policy.isScopeLive: the share link that
//                          handed it out was revoked, its file trashed or deleted)
//   403 forbidden          the upload is no longer open (policy.canWrite), asked before the body (a
//                          whole-object PUT: and again after it; a part once: see storage-ops/blob.ts)
//   403 forbidden          expired token (as S3 answers an expired presigned URL, so clients
//                          handle both stores alike: ask for a fresh URL)
//   400 invalid_request    Content-Length other than the signed size; missing body; body shorter than signed
//                          (a group PUT: the sum of its members' signed sizes; none of them is stored)
//   413 too_large          body longer than the signed size (nothing is kept)
//   404 not_found          no such object / multipart upload
//   416 range_not_satisfiable   Range outside the object (with Content-Range: bytes */size)
//   507 insufficient_storage    disk full
//   503 storage_unavailable     store unreachable or misconfigured
//   500 internal           anything else (logged)
import { DomainError, type ErrorCode } from "../errors";
import { takeNodeBody } from "./node-body";
import { bytesResponse, toErrorResponse } from "./respond";
import { log } from "../log";
import { contentDisposition, normalizeContentType } from "../storage/content";
import { InvalidRangeError } from "../storage/errors";
import type { ByteRange, ByteSource } from "../storage/types";
import {
  admitBlobRequest,
  blobSize,
  downloadForm,
  readBlob,
  resolveBlobToken,
  writeBlob,
  writeBlobGroup,
  type BlobChecks,
  type GetGrant,
  type GroupGrant,
  type PartGrant,
  type PutGrant,
} from "../storage-ops/blob";

const ALLOW_PUT = "PUT, OPTIONS";
const ALLOW_GET = "GET, HEAD, OPTIONS";

/** Every answer of this endpoint, errors too, is served as its declared type only. */
const NOSNIFF = { "X-Content-Type-Options": "nosniff" };

/** An error answer of this endpoint (anything thrown while serving it becomes one too). */
export function blobErrorResponse(error: unknown, headers?: Record<string, string>): Response {
  return toErrorResponse(error, { ...NOSNIFF, ...headers });
}

function errorResponse(code: ErrorCode, message: string, headers?: Record<string, string>): Response {
  return blobErrorResponse(new DomainError(code, message), headers);
}

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null to ignore the header (multi-range, junk). */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return "unsatisfiable";
  if (m[2] !== "" && Number(m[2]) < start) return null; // invalid: ignore, like most servers
  return { start, end };
}

export interface BlobPolicy extends BlobChecks {
  /**
   * The request body to read instead of `request.body`. Without it, a request the host made from
   * node:http (lib/http/direct.ts) is read as Node's stream: no Web Streams conversion of every chunk.
   */
  body?: ByteSource | null;
}

/** Handles one request to `/api/blob/<token>`. */
export async function handleBlobRequest(request: Request, token: string, policy: BlobPolicy = {}): Promise<Response> {
  const method = request.method.toUpperCase();
  const verified = resolveBlobToken(token);
  if (!verified.ok) {
    log.info("blob", { method, outcome: verified.reason });
    if (verified.reason === "expired") return errorResponse("forbidden", "This link has expired. Request a new one.");
    return errorResponse("forbidden", "This link is not valid.");
  }
  const grant = verified.grant;
  const allow = grant.op === "get" ? ALLOW_GET : ALLOW_PUT;
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: allow, ...NOSNIFF } });
  if (!allow.split(", ").includes(method)) {
    return errorResponse("forbidden", `This link allows ${allow.replace(", OPTIONS", "")} only.`, { Allow: allow });
  }
  try {
    if (grant.op === "group")
      return await receiveGroup(request, policy.body ?? takeNodeBody(request) ?? request.body, grant, policy);
    await admitBlobRequest(grant, policy);
    return grant.op === "get"
      ? await serveDownload(request, method, grant)
      : await receiveUpload(request, policy.body ?? takeNodeBody(request) ?? request.body, grant, policy);
  } catch (err) {
    return blobErrorResponse(err);
  }
}

async function receiveUpload(
  request: Request,
  received: ByteSource | null,
  grant: PutGrant | PartGrant,
  checks: BlobChecks,
): Promise<Response> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) !== grant.size)) {
    return errorResponse("invalid_request", `Content-Length must be ${grant.size}, the size this link was signed for.`);
  }
  if (grant.op === "put") {
    const sent = normalizeContentType(request.headers.get("content-type"));
    if (!sameType(sent, grant.type)) {
      return errorResponse("forbidden", `Content-Type must be "${grant.type}", the type this link was signed for.`);
    }
  }
  if (!received && grant.size > 0) {
    return errorResponse("invalid_request", `The request has no body; ${grant.size} bytes were expected.`);
  }
  const { etag } = await writeBlob(grant, received, checks);
  const headers: Record<string, string> = { "Cache-Control": "no-store", ...NOSNIFF };
  if (etag) headers.ETag = etag;
  return new Response(null, { status: 200, headers });
}

/**
 * A group PUT (local driver): the members' bytes concatenated, split by the signed sizes. A body
 * of any other length stores none of them (400 shorter, 413 longer).
 */
async function receiveGroup(
  request: Request,
  received: ByteSource | null,
  grant: GroupGrant,
  checks: BlobChecks,
): Promise<Response> {
  const total = grant.sizes.reduce((sum, size) => sum + size, 0);
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) !== total)) {
    return errorResponse("invalid_request", `Content-Length must be ${total}, the total this link was signed for.`);
  }
  if (!received && total > 0) {
    return errorResponse("invalid_request", `The request has no body; ${total} bytes were expected.`);
  }
  await writeBlobGroup(grant, received, checks);
  return new Response(null, { status: 200, headers: { "Cache-Control": "no-store", ...NOSNIFF } });
}

function sameType(a: string, b: string): boolean {
  const squash = (t: string) => t.toLowerCase().replace(/\s+/g, "");
  return squash(a) === squash(b);
}

async function serveDownload(request: Request, method: string, grant: GetGrant): Promise<Response> {
  const { type, disposition, filename } = downloadForm(grant);
  const headers: Record<string, string> = {
    "Content-Type": type,
    "Content-Disposition": contentDisposition(disposition, filename),
    ...NOSNIFF,
    // no-transform: Next's (and proxies') gzip would otherwise re-encode text bodies, breaking
    // Range (a 206 must carry the identity bytes Content-Range names) and the stored bytes.
    "Cache-Control": "private, no-transform",
    "Accept-Ranges": "bytes",
    // Whatever is rendered gets no script, no plugins and no access to the app's origin. Sent for
    // attachments too, in case a browser renders one anyway. Inline styles only for the browser's
    // own image and media viewers (they style their document; nothing can load or run).
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  };

  if (method === "HEAD") {
    const size = await blobSize(grant);
    return new Response(null, { status: 200, headers: { ...headers, "Content-Length": String(size) } });
  }

  const rangeHeader = request.headers.get("range");
  let range: ByteRange | undefined;
  if (rangeHeader) {
    // The size is needed to resolve "bytes=-n" and open ends; stat is cheap for both drivers.
    const size = await blobSize(grant);
    const parsed = parseRange(rangeHeader, size);
    if (parsed === "unsatisfiable") throw new InvalidRangeError(size);
    range = parsed ?? undefined;
  }
  return bytesResponse(await readBlob(grant, range), headers);
}
