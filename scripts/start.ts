// `npm start`: serves the production build on PORT (default 3000). Next handles every request
// but the signed storage URLs (`/api/blob/<token>`): those are served here directly, because
// Next drops the Content-Length of route-handler responses (browsers then cannot show a
// download's size or time left) and adds a stream conversion to every byte of an upload.
// `npm run dev` serves the same URLs through the app route instead.
// Several processes serve the same port (scripts/processes.ts): this file is what each one runs.
import "./load-env";
import "./production";
import http from "node:http";
import { Readable } from "node:stream";
import next from "next";
import { env } from "../lib/env";
import { bindRequestId, log } from "../lib/log";
import { blobErrorResponse, handleBlobRequest } from "../lib/http/blob-endpoint";
import { malformedApiPath } from "../lib/http/route";
import { stampClientAddress } from "../lib/http/client-address";
import { writableKey } from "../lib/uploads/cleanup";
import { isOwnerActive } from "../lib/auth/users";
import { isWorker, reportReady, runPrimary } from "./processes";
import { shutDownGracefully } from "./shutdown";

const BLOB_PATH = /^\/api\/blob\/([^/?#]+)(?:[?#].*)?$/;

function requestHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
}

async function serveBlob(req: http.IncomingMessage, res: http.ServerResponse, token: string): Promise<void> {
  let response: Response;
  try {
    const url = new URL(req.url ?? "/", env().APP_URL);
    const withBody = req.method === "PUT" || req.method === "POST";
    const request = new Request(url, { method: req.method, headers: requestHeaders(req) });
    response = await handleBlobRequest(request, decodeURIComponent(token), {
      canWrite: writableKey,
      isOwnerActive,
      body: withBody ? req : null, // read as it arrives, without a Web stream per chunk
    });
  } catch (error) {
    response = blobErrorResponse(error);
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
  body.on("error", () => res.destroy());
  res.on("close", () => body.destroy());
  body.pipe(res);
}

async function serve(): Promise<void> {
  const { PORT: port } = env();
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const { TRUST_PROXY: trustProxy } = env();
  const server = http.createServer((req, res) => {
    bindRequestId(res); // every log line of this request carries its id (lib/log.ts)
    // Before anything else reads the request: a client can never choose the address it is counted by.
    stampClientAddress(req, trustProxy);
    const malformed = malformedApiPath(req.url ?? "/");
    if (malformed) {
      res.writeHead(malformed.status, Object.fromEntries(malformed.headers));
      void malformed.text().then((body) => res.end(body));
      return;
    }
    const blob = BLOB_PATH.exec(req.url ?? "");
    if (blob) void serveBlob(req, res, blob[1]!);
    else void handle(req, res);
  });
  // Large uploads can take long: no request timeout; idle sockets still close.
  server.requestTimeout = 0;
  shutDownGracefully(server);
  server.on("error", (error: NodeJS.ErrnoException) => {
    // Next keeps the process alive after an uncaught exception: a server that cannot listen must stop.
    log.error("cannot listen", { port, code: error.code, message: error.message });
    process.exit(1);
  });
  server.listen(port, () => {
    if (isWorker) reportReady();
    else console.log(`Stowage is ready on ${env().APP_URL} (listening on port ${port}).`);
  });
}

void (isWorker ? serve() : runPrimary(serve));
