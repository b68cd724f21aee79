// A real app process without Next: the app's own API route handlers (every app/api/**/route.ts)
// and the signed-URL endpoint, served over node:http with the same blob policy and request ids as
// scripts/start.ts. Tests that must kill a server (crash consistency) run it as a child process:
//
//   node --import tsx test/app-server.ts        (PORT, APP_URL, DATABASE_URL, DATA_DIR… from the environment)
//
// It prints `ready <port>` on stdout once listening. Pages and next-auth's own routes need Next:
// use the Playwright phase for those.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { env } from "@/lib/env";
import { blobErrorResponse, handleBlobRequest } from "@/lib/http/blob-endpoint";
import { malformedApiPath } from "@/lib/http/route";
import { bindRequestId } from "@/lib/log";
import { writableKey } from "@/lib/uploads/cleanup";
import { isOwnerActive } from "@/lib/auth/users";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
interface AppRoute {
  pattern: RegExp;
  names: string[];
  file: string;
  rank: number;
}

const API = path.resolve(import.meta.dirname, "../app/api");

/** Every app/api route file as a pattern: `[id]` one segment, `[...path]` the rest; static routes win. */
function findRoutes(dir = API, segments: string[] = []): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith("__")) {
      routes.push(...findRoutes(path.join(dir, entry.name), [...segments, entry.name]));
    } else if (entry.name === "route.ts") {
      const names: string[] = [];
      let rank = 0;
      const source = segments.map((segment) => {
        const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
        const single = /^\[(\w+)\]$/.exec(segment);
        if (catchAll) return (names.push(catchAll[1]!), (rank += 100), "(.+)");
        if (single) return (names.push(single[1]!), (rank += 1), "([^/]+)");
        return segment.replace(/[.]/g, "\\.");
      });
      routes.push({ pattern: new RegExp(`^/api/${source.join("/")}$`), names, file: path.join(dir, entry.name), rank });
    }
  }
  return routes.sort((a, b) => a.rank - b.rank);
}

const routes = findRoutes();

function toRequest(req: http.IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  const withBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: withBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

async function answer(req: http.IncomingMessage): Promise<Response> {
  const malformed = malformedApiPath(req.url ?? "/");
  if (malformed) return malformed;
  const url = new URL(req.url ?? "/", env().APP_URL);
  const blob = /^\/api\/blob\/([^/]+)$/.exec(url.pathname);
  if (blob) {
    return handleBlobRequest(toRequest(req, url), decodeURIComponent(blob[1]!), {
      canWrite: writableKey,
      isOwnerActive,
    });
  }
  for (const appRoute of routes) {
    const match = appRoute.pattern.exec(url.pathname);
    if (!match) continue;
    const module = (await import(appRoute.file)) as Record<string, Handler | undefined>;
    const handler = module[req.method ?? "GET"];
    if (!handler) return new Response(null, { status: 405 });
    const params = Object.fromEntries(
      appRoute.names.map((name, i) => {
        const value = decodeURIComponent(match[i + 1]!);
        return [name, appRoute.rank >= 100 && i === appRoute.names.length - 1 ? value.split("/") : value];
      }),
    );
    return handler(toRequest(req, url), { params: Promise.resolve(params) });
  }
  return new Response(null, { status: 404 });
}

const server = http.createServer((req, res) => {
  bindRequestId(res);
  void answer(req)
    .catch((error: unknown) => blobErrorResponse(error))
    .then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body || req.method === "HEAD") return void res.end();
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).pipe(res);
    });
});
server.requestTimeout = 0;
server.listen(env().PORT, "127.0.0.1", () => console.log(`ready ${(server.address() as { port: number }).port}`));
