// Serves a Fetch handler ((Request) => Response) over node:http on 127.0.0.1, for tests that need
// real HTTP (real Content-Length, streamed bodies, a process to kill), with the same Node ⇄ Fetch
// conversion the production server uses for the router (lib/http/direct.ts).
import http from "node:http";
import type { NodeListener } from "@/lib/http/direct";

export { nodeListener } from "@/lib/http/direct";

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
