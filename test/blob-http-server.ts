// A tiny node:http server that serves `/api/blob/<token>` with handleBlobRequest, so tests can
// exercise app-served storage URLs (local driver, S3 relay mode) over real HTTP with plain
// fetch — real Content-Length, streaming bodies, real bytes on disk — without starting Next.
import http from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { handleBlobRequest } from "@/lib/http/blob-endpoint";

export interface BlobTestServer {
  /** e.g. http://127.0.0.1:41234 — use as APP_URL. */
  url: string;
  stop(): Promise<void>;
}

export async function startBlobServer(): Promise<BlobTestServer> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const match = /^\/api\/blob\/([^/]+)$/.exec(url.pathname);
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = await handleBlobRequest(request, decodeURIComponent(match[1]));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body && req.method !== "HEAD") {
        Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>).pipe(res);
      } else {
        res.end();
      }
      // Like a real server: discard whatever of the request body the handler did not read.
      req.resume();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
