// The API's route handlers, called directly by the production server (scripts/start.ts) instead
// of through Next. They are plain (Request, {params}) => Response functions (lib/http/route.ts),
// and Next's route-handler pipeline cost about 2 ms of CPU per call on the upload path: 40 % of
// a create, a third of a complete (docs/BENCHMARKS.md, issue 11). What a handler sees is the same:
// the URL, headers, body, and the path's parameters decoded as Next decodes them.
//
// Only an exact match is served here: a route file under app/api that exports the request's
// method. Anything else (unknown paths, trailing slashes, HEAD or OPTIONS a file does not export,
// next-auth, which needs Next's request context) still goes to Next, which answers as before.
// `npm run dev` and the tests do not use this file: there every request goes through Next.
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import type { NextConfig } from "next";
// @ts-expect-error -- JavaScript without a declaration file (checked by its own // @ts-check)
import nextConfigJs from "../next.config.js";
import { toErrorResponse } from "../lib/http/respond";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Segment = { literal: string } | { param: string; rest: boolean };
interface ApiRoute {
  segments: Segment[];
  file: string;
  module?: Promise<Record<string, unknown>>;
}

/** Left to Next: next-auth reads Next's request context; blob URLs are served by start.ts itself. */
const LEFT_TO_NEXT = new Set(["auth/[...nextauth]", "blob/[token]", "[...path]"]);
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const COMPRESSIBLE = /^(application\/json|text\/)/;
const COMPRESS_FROM_BYTES = 1024;

function segmentOf(name: string): Segment {
  const m = /^\[(\.\.\.)?([^\]]+)\]$/.exec(name);
  return m ? { param: m[2]!, rest: Boolean(m[1]) } : { literal: name };
}

/** Specific before general, as Next orders them: a literal segment wins over a parameter, which wins over a catch-all. */
function rank(route: ApiRoute): string {
  return route.segments.map((s) => ("literal" in s ? "0" : s.rest ? "2" : "1")).join("");
}

/** The route files under `apiDir` (app/api), most specific first. */
export function apiRoutes(apiDir: string): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string, parts: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith("__")) walk(path.join(dir, entry.name), [...parts, entry.name]);
      else if (entry.name === "route.ts" && !LEFT_TO_NEXT.has(parts.join("/")))
        routes.push({ segments: parts.map(segmentOf), file: path.join(dir, entry.name) });
    }
  };
  walk(apiDir, []);
  return routes.sort((a, b) => rank(a).localeCompare(rank(b)) || b.segments.length - a.segments.length);
}

/** The route and decoded parameters for a path under /api/, or null. */
export function matchRoute(routes: ApiRoute[], pathname: string) {
  const parts = pathname.slice("/api/".length).split("/");
  if (parts.some((p) => p === "")) return null;
  for (const route of routes) {
    const params: Record<string, string | string[]> = {};
    let i = 0;
    let matched = true;
    for (const segment of route.segments) {
      if ("literal" in segment) matched = parts[i++] === segment.literal;
      else if (segment.rest) {
        params[segment.param] = parts.slice(i).map(decodeURIComponent);
        i = parts.length;
      } else params[segment.param] = decodeURIComponent(parts[i++] ?? "");
      if (!matched || i > parts.length) break;
    }
    if (matched && i === parts.length) return { route, params };
  }
  return null;
}

/** The headers next.config.js puts on every response ("/:path*"), so both paths answer alike. */
async function everyResponseHeaders(): Promise<[string, string][]> {
  const rules = await (nextConfigJs as NextConfig).headers!();
  return rules
    .filter((r) => r.source === "/:path*")
    .flatMap((r) => r.headers.map((h): [string, string] => [h.key, h.value]));
}

/**
 * Writes a Fetch Response to Node's response, Set-Cookie values kept apart. With `compress`, text
 * and JSON of 1 KiB or more go out gzipped when the client accepts it, as Next's `compress` does.
 */
export function sendResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: Response,
  { compress }: { compress: boolean },
): void {
  const headers = new Headers(response.headers);
  const cookies = headers.getSetCookie();
  headers.delete("set-cookie");
  const type = headers.get("content-type") ?? "";
  const length = Number(headers.get("content-length") ?? Infinity);
  const gzip =
    compress &&
    response.body &&
    req.method !== "HEAD" &&
    COMPRESSIBLE.test(type) &&
    length >= COMPRESS_FROM_BYTES &&
    !headers.has("content-encoding") &&
    /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  if (gzip) {
    headers.delete("content-length");
    headers.set("content-encoding", "gzip");
    headers.append("vary", "Accept-Encoding");
  }
  res.writeHead(response.status, {
    ...Object.fromEntries(headers),
    ...(cookies.length ? { "set-cookie": cookies } : {}),
  });
  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
  const out = gzip ? body.pipe(zlib.createGzip()) : body;
  out.on("error", () => res.destroy());
  res.on("close", () => body.destroy());
  out.pipe(res);
}

/** Serves the request when a route file answers its path and method; false leaves it to Next. */
export function apiServer(appDir: string, publicUrl: string) {
  const routes = apiRoutes(path.join(appDir, "app", "api"));
  const baseHeaders = everyResponseHeaders();
  return async function serveApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", publicUrl);
    let found: ReturnType<typeof matchRoute>;
    try {
      found = matchRoute(routes, url.pathname);
    } catch {
      return false; // a malformed escape: Next answers it (start.ts refuses most before)
    }
    if (!found) return false;
    found.route.module ??= import(pathToFileURL(found.route.file).href);
    const handler = (await found.route.module)[req.method ?? "GET"] as Handler | undefined;
    if (typeof handler !== "function") return false;
    const hasBody = METHODS_WITH_BODY.has(req.method ?? "");
    const request = new Request(url, {
      method: req.method,
      headers: requestHeaders(req),
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      duplex: "half",
    } as RequestInit);
    let response: Response;
    try {
      response = await handler(request, { params: Promise.resolve(found.params) });
    } catch (error) {
      response = toErrorResponse(error); // route() answers its own errors; this is for anything outside it
    }
    for (const [name, value] of await baseHeaders) if (!response.headers.has(name)) res.setHeader(name, value);
    sendResponse(req, res, response, { compress: true });
    return true;
  };
}

/** Node's request headers as Fetch Headers (repeated headers appended). */
export function requestHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
}
