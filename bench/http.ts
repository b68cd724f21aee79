// A thin node:http client: keep-alive, no body buffering beyond what a response holds.
// Lighter than fetch (undici) per request, which matters when client and server share 2 cores.
import http from "node:http";

export interface Reply {
  status: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

export function agent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function request(
  url: string,
  o: { method: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...o.headers };
    if (o.body !== undefined) headers["content-length"] = Buffer.byteLength(o.body);
    const req = http.request(url, { method: o.method, headers, agent: o.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- benchmarks read replies loosely; a wrong field fails the run
export function json(reply: Reply, what: string, expected: number[] = [200, 201]): any {
  if (!expected.includes(reply.status)) {
    throw new Error(`${what}: HTTP ${reply.status} ${reply.body.toString("utf8").slice(0, 300)}`);
  }
  return reply.body.length ? JSON.parse(reply.body.toString("utf8")) : undefined;
}

/**
 * PUTs `total` bytes made of repeats of `chunk` (streamed, respecting backpressure: at most a
 * socket buffer's worth is ever queued), with Content-Length set. Resolves when the response ends.
 */
export function putGenerated(
  url: string,
  headers: Record<string, string>,
  total: number,
  chunk: Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "PUT", headers: { ...headers, "content-length": String(total) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        const ok = req.write(n === chunk.length ? chunk : chunk.subarray(0, n));
        if (!ok) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
