// Serves a Fetch handler ((Request) => Response) over node:http on 127.0.0.1, for tests that need
// real HTTP (real Content-Length, streamed bodies, a process to kill). Next does this conversion in
// the real server; here it is the smallest faithful copy: headers, a streamed body, HEAD without one.
import http from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

export type FetchHandler = (request: Request) => Promise<Response>;
export type NodeListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** A node:http listener that answers with `handler`, building the request's URL on `origin`. */
export function nodeListener(handler: FetchHandler, origin?: string): NodeListener {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", origin ?? `http://${req.headers.host ?? "127.0.0.1"}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(url, {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = await handler(request);
      res.statusCode = response.status;
      const cookies = response.headers.getSetCookie();
      for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
      if (cookies.length) res.setHeader("set-cookie", cookies);
      if (response.body && req.method !== "HEAD") {
        Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>).pipe(res);
      } else res.end();
      // Like a real server: discard whatever of the request body the handler did not read.
      req.resume();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  };
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 — use as APP_URL. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1 (`port` 0: any free port). */
export async function listen(listener: NodeListener, port = 0): Promise<TestServer> {
  const server = http.createServer(listener);
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
