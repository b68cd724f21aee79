// How `npm start` runs: one primary process that prepares once (the data folder, the app
// secret, SQLite's WAL mode; migrations ran just before, in scripts/prepare.ts), logs one
// start-up line, and forks WEB_CONCURRENCY workers (default: one per core) that each serve HTTP
// on the same port (node:cluster shares the socket). Everything shared lives in the database.
// On SIGTERM/SIGINT the primary tells every worker to shut down gracefully (scripts/shutdown.ts)
// and exits once they all have; a worker that dies otherwise is replaced.
import cluster, { type Worker } from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { appSecret } from "../lib/secret";
import { defaultDriverName } from "../lib/storage";

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

/** What must exist before any worker starts, made once so workers never race to create it. */
function prepareOnce(): void {
  const config = env();
  fs.mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
  appSecret(); // generates DATA_DIR/auth-secret on a first start without AUTH_SECRET
  if (config.DATABASE_URL.startsWith("file:")) {
    // Readers never wait for the writer, across processes too (the mode persists in the file).
    const sqlite = new Database(config.DATABASE_URL.slice("file:".length));
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }
}

/** The primary: prepares, then serves here (one process) or forks the workers and watches them. */
export async function runPrimary(serveHere: () => Promise<void>): Promise<void> {
  const processes = processCount();
  prepareOnce();
  log.info("starting", { processes, ...whereDataLives(), port: env().PORT, appUrl: env().APP_URL });
  if (processes === 1) return serveHere();

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
      if (++ready === processes) console.log(`Stowage is ready on ${appUrl} (port ${port}, ${processes} processes).`);
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

export const isWorker = cluster.isWorker;
