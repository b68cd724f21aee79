// Graceful shutdown of one serving process: on SIGTERM/SIGINT it stops accepting connections,
// lets the requests in flight (a long upload PUT too) finish for up to SHUTDOWN_TIMEOUT_SECONDS,
// closes keep-alive connections as they go idle, then runs the app's shutdown hooks (the sweeper
// waits for a run in progress, the database closes: lib/lifecycle.ts), and exits: 0 when everything
// finished, 1 when it had to cut requests off.
import type http from "node:http";
import { env } from "../lib/env";
import { runShutdownHooks } from "../lib/lifecycle";
import { log } from "../lib/log";

export function shutDownGracefully(server: http.Server): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timeout = env().SHUTDOWN_TIMEOUT_SECONDS;
    log.info("process stopping", { signal, pid: process.pid, timeoutSeconds: timeout });
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A keep-alive connection is closed as soon as its last response is done.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    let cutOff = false;
    await Promise.race([
      closed,
      new Promise<void>((resolve) =>
        setTimeout(() => {
          cutOff = true;
          resolve();
        }, timeout * 1000).unref(),
      ),
    ]);
    clearInterval(idle);
    if (cutOff) {
      log.warn("shutdown timeout: closing the requests still in flight", { pid: process.pid });
      server.closeAllConnections();
    }
    await runShutdownHooks();
    log.info("process stopped", { pid: process.pid, cutOff });
    process.exit(cutOff ? 1 : 0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
