// A serving process: Next (the pages, and the catch-all routes that hand everything else to the
// app's router, lib/http/router.ts) behind the host (server/host.ts), with timeouts that never
// cut off an upload while its bytes keep arriving.
import http from "node:http";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { host } from "./host";
import { reportReady } from "./primary";
import { shutDownGracefully } from "./shutdown";

/** A client must send its request headers within this long. */
const HEADERS_TIMEOUT_MS = 60_000;
/** A connection on which nothing moves for this long is closed (a slow upload that keeps sending is not). */
const IDLE_TIMEOUT_MS = 120_000;

export async function serve({ dev }: { dev: boolean }): Promise<void> {
  const { PORT: port, TRUST_PROXY: trustProxy } = env();
  // Loaded here, not at the top: Next reads NODE_ENV when it loads (server/environment.ts sets it).
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer(host((req, res) => handle(req, res), { trustProxy }));
  // No limit on a whole request (a large upload takes as long as it takes); limits on silence instead.
  server.requestTimeout = 0;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.timeout = IDLE_TIMEOUT_MS;
  if (dev) {
    const upgrade = app.getUpgradeHandler(); // hot reloading's WebSocket
    server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
  }
  shutDownGracefully(server);
  server.on("error", (error: NodeJS.ErrnoException) => {
    // Next keeps the process alive after an uncaught exception: a server that cannot listen must stop.
    log.error("cannot listen", { port, code: error.code, message: error.message });
    process.exit(1);
  });
  server.listen(port, () => reportReady());
}
