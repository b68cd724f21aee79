// The host's direct way to the router, and the Node ⇄ Fetch conversion it and the tests' server use.
//
// Next compiles the app's router once, inside its build, when its catch-all route module loads
// (app/router.ts publishes it here). From then on the serving process (server/worker.ts) hands
// every request whose path the router serves straight to that same router object, instead of
// through Next's route-handler pipeline, which costs about a millisecond of CPU a request and
// cannot take WebDAV's methods at all. Same table, same compiled handlers, same answers; only the
// wrapping differs. Routes that read Next's request context (next-auth) stay with Next.
import type http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import zlib from "node:zlib";
import { attachNodeBody, lazyBody } from "./node-body";
import { madeInProcess, perProcess, forgetPerProcess } from "../per-process";
import { toErrorResponse } from "./respond";
import type { Router } from "./router";

export type FetchHandler = (request: Request) => Promise<Response>;
export type NodeListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

const PUBLISHED = "published router";

/** Makes `router` the process's router for the host's direct path (the latest module evaluation wins: dev reloads). */
export function publishRouter(router: Router): void {
  forgetPerProcess(PUBLISHED);
  perProcess(PUBLISHED, () => router);
}

/** The router Next compiled, once its route module has loaded in this process. */
export function publishedRouter(): Router | undefined {
  return madeInProcess<Router>(PUBLISHED);
}

/** JSON answers this large or larger are gzipped for clients that accept it (as Next compresses what it serves). */
const COMPRESS_FROM_BYTES = 1024;

function shouldCompress(req: http.IncomingMessage, response: Response): boolean {
  if (req.method === "HEAD" || !response.body || response.headers.has("content-encoding")) return false;
  if (!/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) return false;
  if (!(response.headers.get("content-type") ?? "").startsWith("application/json")) return false;
  const length = Number(response.headers.get("content-length") ?? Infinity);
  return length >= COMPRESS_FROM_BYTES;
}

/** Answers of a known length up to this are written whole instead of streamed. */
const BUFFER_UP_TO_BYTES = 64 * 1024;

/** The Fetch Request for a Node request; its URL built on `origin` when given (the app's public URL). */
export function fetchRequestOf(req: http.IncomingMessage, origin?: string): Request {
  const url = new URL(req.url ?? "/", origin ?? `http://${req.headers.host ?? "127.0.0.1"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  if (req.method === "GET" || req.method === "HEAD") return new Request(url, { method: req.method, headers });
  // Lazy: a handler may take Node's stream instead (lib/http/node-body.ts).
  const { body, source } = lazyBody(req);
  return attachNodeBody(new Request(url, { method: req.method, headers, body, duplex: "half" } as RequestInit), source);
}

/** Writes a Fetch Response to Node's response, streaming its body (cancelled if the client goes away). */
export async function writeResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: Response,
): Promise<void> {
  const compress = shouldCompress(req, response);
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (compress) {
    res.removeHeader("content-length");
    res.setHeader("content-encoding", "gzip");
    res.setHeader("vary", "Accept-Encoding");
  }
  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }
  if (Number(response.headers.get("content-length") ?? Infinity) <= BUFFER_UP_TO_BYTES) {
    // Most answers are a little JSON: written in one piece, without a stream pipeline (a third of
    // the direct path's cost for such an answer).
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.arrayBuffer());
    } catch {
      res.destroy(); // the body failed before a byte went out: the client sees a broken answer, not a short one
      return;
    }
    res.end(compress ? zlib.gzipSync(bytes) : bytes);
    return;
  }
  const body = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
  const sent = compress ? pipeline(body, zlib.createGzip(), res) : pipeline(body, res);
  await sent.catch(() => {
    // The client went away or the body failed mid-way: the connection is closed, nothing to answer.
  });
}

/** A node:http listener that answers with `handler` (which must always resolve to a Response). */
export function nodeListener(handler: FetchHandler, origin?: string): NodeListener {
  return async (req, res) => {
    let response: Response;
    try {
      response = await handler(fetchRequestOf(req, origin));
    } catch (error) {
      response = toErrorResponse(error);
    }
    await writeResponse(req, res, response);
    // Like Next: discard whatever of the request body the handler did not read.
    req.resume();
  };
}
