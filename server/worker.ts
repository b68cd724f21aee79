// A serving process: Next (the pages, and the catch-all routes that hand everything else to the
// app's router, lib/http/router.ts) behind the host (server/host.ts), with timeouts that never
// cut off an upload while its bytes keep arriving. Once Next has loaded the router, requests it
// serves go to it directly (lib/http/direct.ts): same router, same compiled code, without Next's
// route pipeline.
import http from "node:http";
import { env } from "../lib/env";
import { nodeListener, publishedRouter } from "../lib/http/direct";
import { log } from "../lib/log";
import { host } from "./host";
import { reportReady } from "./primary";
import { shutDownGracefully } from "./shutdown";

/** A client must send its request headers within this long. */
const HEADERS_TIMEOUT_MS = 60_000;
/** A connection on which nothing moves for this long is closed (a slow upload that keeps sending is not). */
const IDLE_TIMEOUT_MS = 120_000;

/** The router's answer when it serves this path, else Next's. */
function routeDirectly(next: (req: http.IncomingMessage, res: http.ServerResponse) => unknown, appUrl: string) {
  const direct = nodeListener((request) => publishedRouter()!.dispatch(request), appUrl);
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? "/").split(/[?#]/, 1)[0]!;
    return publishedRouter()?.servesDirectly(path) ? direct(req, res) : next(req, res);
  };
}

/** Has Next load the catch-all route module (which publishes the router) and its table, doing no work, before the first client arrives. */
async function loadRouter(port: number): Promise<void> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { method: "OPTIONS" });
    await response.body?.cancel();
  } catch (error) {
    log.warn("the router could not be loaded ahead of the first request", { message: String(error) });
  }
}

export async function serve({ dev }: { dev: boolean }): Promise<void> {
  const { PORT: port, TRUST_PROXY: trustProxy, APP_URL: appUrl } = env();
  // Loaded here, not at the top: Next reads NODE_ENV when it loads (server/environment.ts sets it).
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer(host(routeDirectly(handle, appUrl), { trustProxy }));
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
  server.listen(port, async () => {
    await loadRouter(port);
    reportReady();
  });
}
