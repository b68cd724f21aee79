// The primary process of `npm start` and `npm run dev`: it prepares once (configuration, data folder,
// migrations, app secret: server/prepare.ts), builds the app if its build is stale (not in dev), logs
// one start-up line, and forks the workers that serve HTTP on the same port (node:cluster shares the
// socket): WEB_CONCURRENCY of them (default: one per core), one in dev. It never loads the app itself,
// so each worker holds the one copy of it. Everything shared lives in the database.
// On SIGTERM/SIGINT the primary tells every worker to shut down gracefully (server/shutdown.ts)
// and exits once they all have; a worker that dies otherwise is replaced.
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { defaultDriverName } from "../lib/storage";
import { buildIfStale } from "./build";
import { prepare } from "./prepare";

/** WEB_CONCURRENCY, else one process per core. */
export function processCount(): number {
  return env().WEB_CONCURRENCY ?? os.availableParallelism();
}

/** Where the data lives, for the start-up line: never a password, key or token. */
function whereDataLives(): Record<string, unknown> {
  const config = env();
  const url = config.DATABASE_URL;
  let database: Record<string, unknown>;
  if (url.startsWith("file:")) database = { database: "sqlite", databaseFile: path.resolve(url.slice(5)) };
  else {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // shown as "unknown" below
    }
    database = {
      database: parsed?.protocol.replace(/:$/, "") ?? "unknown",
      databaseHost: parsed?.host,
      databaseName: parsed?.pathname.slice(1),
    };
  }
  const driver = defaultDriverName();
  const storage =
    driver === "s3"
      ? { storage: "s3", bucket: config.S3_BUCKET, endpoint: config.S3_ENDPOINT ?? "aws", prefix: config.S3_PREFIX }
      : { storage: "local", storageDir: path.resolve(config.STORAGE_LOCAL_DIR ?? path.join(config.DATA_DIR, "files")) };
  return { ...database, ...storage, dataDir: path.resolve(config.DATA_DIR) };
}

/** The primary: prepares, then forks the workers and watches them. */
export async function runPrimary({ dev }: { dev: boolean }): Promise<void> {
  console.log(await prepare());
  if (!dev) buildIfStale();
  const processes = dev ? 1 : processCount();
  log.info("starting", { processes, dev, ...whereDataLives(), port: env().PORT, appUrl: env().APP_URL });

  const { SHUTDOWN_TIMEOUT_SECONDS: timeout, APP_URL: appUrl, PORT: port } = env();
  let stopping = false;
  let ready = 0;
  let failed = false;
  const readyWorkers = new WeakSet<Worker>();
  const alive = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.on("message", (message: { ready?: boolean }) => {
      if (!message?.ready || readyWorkers.has(worker)) return;
      readyWorkers.add(worker);
      if (++ready === processes)
        console.log(`Stowage is ready on ${appUrl} (port ${port}, ${processes} process${processes > 1 ? "es" : ""}).`);
    });
  };
  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker);
    // The exit code says how the shutdown went (a worker replaced earlier does not count).
    if (stopping && code !== 0) failed = true;
    if (!stopping) {
      log.error("worker exited", { pid: worker.process.pid, code, signal });
      // One that never came up (e.g. the port is taken) would fail again: stop instead of looping.
      if (!readyWorkers.has(worker)) return shutdown("worker failed to start");
      fork();
    }
    if (stopping && alive.size === 0) process.exit(failed ? 1 : 0);
  });
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    failed ||= reason === "worker failed to start";
    log.info("shutting down", { reason, workers: alive.size });
    for (const worker of alive) worker.process.kill("SIGTERM");
    // Workers stop themselves within SHUTDOWN_TIMEOUT_SECONDS; this is the last resort.
    setTimeout(
      () => {
        for (const worker of alive) worker.process.kill("SIGKILL");
        process.exit(1);
      },
      (timeout + 10) * 1000,
    ).unref();
    if (alive.size === 0) process.exit(failed ? 1 : 0);
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  for (let i = 0; i < processes; i++) fork();
}

/** A worker tells the primary it is listening (the primary prints the ready line once all are). */
export function reportReady(): void {
  process.send?.({ ready: true });
}
