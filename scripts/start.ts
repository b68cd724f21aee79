// `npm start`: serves the production build on PORT (default 3000). Next serves the pages, its
// assets and next-auth. The signed storage URLs (`/api/blob/<token>`) are served here directly,
// because Next drops the Content-Length of route-handler responses (browsers then cannot show a
// download's size or time left) and adds a stream conversion to every byte of an upload; the
// other API routes' handlers are called directly too (scripts/serve-api.ts), which halves the
// CPU of a small upload's API calls. `npm run dev` serves the same URLs through Next instead.
// Several processes serve the same port (scripts/processes.ts): this file is what each one runs.
import "./load-env";
import "./production";
import http from "node:http";
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
import { apiServer, requestHeaders, sendResponse } from "./serve-api";

const BLOB_PATH = /^\/api\/blob\/([^/?#]+)(?:[?#].*)?$/;

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
  sendResponse(req, res, response, { compress: false }); // bytes as stored: Range and Content-Length intact
}

async function serve(): Promise<void> {
  const { PORT: port } = env();
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const serveApi = apiServer(process.cwd(), env().APP_URL);
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
    else if (req.url?.startsWith("/api/"))
      void serveApi(req, res).then((served) => {
        if (!served) void handle(req, res);
      });
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
