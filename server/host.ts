// What every HTTP request passes through before the app sees it, under `npm start`, `npm run dev`
// and the tests' server alike (test/app-server.ts): one place that
// - gives the request its id (X-Request-Id) and works out the client's address (TRUST_PROXY), and
//   stamps both into request headers, replacing whatever a client sent under those names;
// - sends a path with a trailing slash to the one without (308), as Next does (not under /dav/:
//   WebDAV clients name folders that way);
// - refuses a path with a malformed percent-escape (Next answers those with a bare 500 before any
//   route or header rule runs) with a 400 that carries the usual security headers;
// - keeps a route's Content-Length, which Next's route handlers drop (lib/http/router.ts passes it
//   on in CONTENT_LENGTH_HEADER), so a download shows its size and time left.
// It holds no state and loads none of the app's stateful modules: those exist once per process,
// inside Next's build.
import crypto from "node:crypto";
import type http from "node:http";
import type { Env } from "../lib/env";
import { DomainError } from "../lib/errors";
import { toErrorResponse } from "../lib/http/respond";
import {
  CLIENT_ADDRESS_HEADER,
  CONTENT_LENGTH_HEADER,
  REQUEST_ID_HEADER,
  resolveClientAddress,
} from "../lib/http/host-headers";
import { securityHeaders } from "../lib/http/security-headers.js";

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** Replaces a request header, in `headers` and in `rawHeaders` (both are read downstream). */
function stamp(req: http.IncomingMessage, name: string, value: string): void {
  req.headers[name] = value;
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() !== name) raw.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw, name, value);
}

/** The request's path, or null when it holds a malformed percent-escape. */
function decodablePath(url: string): string | null {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    decodeURIComponent(path);
    return path;
  } catch {
    return null;
  }
}

/** The 400 for a malformed path: the API's error shape under /api/, a short page elsewhere. */
function malformedPath(url: string): Response {
  const message = "The address contains a malformed percent-escape.";
  const response = url.startsWith("/api/")
    ? toErrorResponse(new DomainError("invalid_request", message))
    : new Response(`<!doctype html><title>Bad request</title><h1>Bad request</h1><p>${message}</p>\n`, {
        status: 400,
        headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'" },
      });
  for (const [name, value] of securityHeaders(url)) response.headers.set(name, value);
  return response;
}

/**
 * A path with a trailing slash is sent to the one without, as Next does for pages (308, query kept),
 * here for every path, so the API and pages agree and the answer carries the security headers.
 */
function withoutTrailingSlash(url: string, path: string): Response {
  const location = path.replace(/\/+$/, "") || "/";
  const response = new Response(null, { status: 308, headers: { location: location + url.slice(path.length) } });
  for (const [name, value] of securityHeaders(location)) response.headers.set(name, value);
  return response;
}

/** Writes a small, complete Fetch Response to Node's response. */
async function send(res: http.ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": body.length });
  res.end(body);
}

/** Sets Content-Length from CONTENT_LENGTH_HEADER when the response goes out uncompressed without one. */
function keepContentLength(res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const length = this.getHeader(CONTENT_LENGTH_HEADER);
    if (length !== undefined) {
      this.removeHeader(CONTENT_LENGTH_HEADER);
      if (
        !this.hasHeader("content-length") &&
        !this.hasHeader("content-encoding") &&
        !this.hasHeader("transfer-encoding")
      )
        this.setHeader("content-length", String(length));
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/** Wraps the app's request listener with the steps above. */
export function host(app: Listener, { trustProxy }: { trustProxy: Env["TRUST_PROXY"] }): Listener {
  return (req, res) => {
    const requestId = crypto.randomUUID();
    res.setHeader("X-Request-Id", requestId);
    stamp(req, REQUEST_ID_HEADER, requestId);
    stamp(
      req,
      CLIENT_ADDRESS_HEADER,
      resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustProxy),
    );
    const url = req.url ?? "/";
    const path = decodablePath(url);
    if (path === null) return send(res, malformedPath(url));
    // WebDAV names collections with a trailing slash (RFC 4918 §5.2): /dav/ paths keep theirs.
    const dav = path === "/dav" || path.startsWith("/dav/");
    if (path.length > 1 && path.endsWith("/") && !dav) return send(res, withoutTrailingSlash(url, path));
    keepContentLength(res);
    return app(req, res);
  };
}
