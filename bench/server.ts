// Starts the production build (`next start`) on a fresh, throw-away data folder, the way
// e2e/support/serve.ts does, plus what `npm start` adds (scripts/prepare.ts): WAL journal mode.
// With { database: "postgresql" } the database is a throw-away one on a PostgreSQL server instead
// (bench/postgres.ts). The server runs in its own process group so that stop() can end it and any
// child it spawns.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { migrateDatabase, throwawayServerEnv } from "../scripts/throwaway-server";
import type { DatabaseKind } from "../lib/db-url";
import Database from "better-sqlite3";
import { BENCH_TMP, REPO, removeSnapshot, snapshotBuild } from "./build";
import { processTree } from "./rss";
import { createBenchDatabase, dropBenchDatabase, dropBenchDatabaseSync, type BenchDatabase } from "./postgres";

export interface Server {
  url: string;
  port: number;
  pid: number;
  /**
   * The process that serves requests: the one worker the server's primary forked (WEB_CONCURRENCY=1),
   * or the process itself (a baseline copy from before the primary stopped serving). Main-thread
   * CPU figures are read from it.
   */
  servingPid: number;
  dataDir: string;
  filesDir: string;
  logFile: string;
  /** The PostgreSQL database it runs on; none when it runs on SQLite (a file in dataDir). */
  database?: BenchDatabase;
  /** Ends the process group (SIGTERM, then SIGKILL), removes the data folder and drops the database. Idempotent. */
  stop(): Promise<void>;
}

const running = new Set<Server>();

/** Stops every server still running (used on exit and on failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Synchronous last resort for process exit handlers: kill every group still running. */
export function killAllSync(): void {
  for (const s of running) {
    try {
      process.kill(-s.pid, "SIGKILL");
    } catch {
      // already gone
    }
    fs.rmSync(s.dataDir, { recursive: true, force: true });
    if (s.database) dropBenchDatabaseSync(s.database);
  }
  running.clear();
  removeSnapshot();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(
  label: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  options: { database?: DatabaseKind } = {},
): Promise<Server> {
  const database = options.database === "postgresql" ? await createBenchDatabase(label) : undefined;
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(BENCH_TMP, `bench-${label}-`));
  const filesDir = path.join(dataDir, "files");
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env = throwawayServerEnv(dataDir, port, {
    AUTH_SECRET: crypto.randomBytes(32).toString("hex"),
    STORAGE_DRIVER: "local",
    STORAGE_LOCAL_DIR: filesDir,
    REGISTRATION: "open",
    // The production default; storage operations log one JSON line each (to a file here).
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
    ...(database && { DATABASE_URL: database.url }),
    ...extraEnv,
  });
  try {
    // Always this checkout's migrations and Prisma CLI: a patched copy shares the schema.
    migrateDatabase(env, REPO);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropBenchDatabase(database);
    throw error;
  }
  if (!database) {
    // What `npm start` does after migrating (scripts/prepare.ts): WAL; the mode persists in the file.
    const sqlite = new Database(path.join(dataDir, "stowage.db"));
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }

  const app = snapshotBuild();
  const logFile = path.join(dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const child: ChildProcess = spawn(
    process.execPath,
    // The same server as `npm start` (server/, compiled by the build into dist/); a baseline copy of
    // the app from before it existed (BENCH_APP_DIR) is started the way it was then.
    fs.existsSync(path.join(app, "dist", "server", "main.mjs"))
      ? [...nodeArgs, path.join(app, "dist", "server", "main.mjs")]
      : [...nodeArgs, "--import", "tsx", path.join(app, "scripts", "start.ts")],
    { cwd: app, env, stdio: ["ignore", out, out], detached: true },
  );
  fs.closeSync(out);
  const pid = child.pid!;
  let exited = false;
  child.on("exit", () => (exited = true));

  let stopped: Promise<void> | undefined;
  const server: Server = {
    url,
    port,
    pid,
    servingPid: pid,
    dataDir,
    filesDir,
    logFile,
    database,
    stop() {
      stopped ??= (async () => {
        running.delete(server);
        const groupAlive = () => {
          try {
            process.kill(-pid, 0);
            return true;
          } catch {
            return false;
          }
        };
        try {
          process.kill(-pid, "SIGTERM");
        } catch {
          // already gone
        }
        const deadline = Date.now() + 5000;
        while (groupAlive() && Date.now() < deadline) await sleep(50);
        if (groupAlive()) {
          try {
            process.kill(-pid, "SIGKILL");
          } catch {
            // gone meanwhile
          }
          while (groupAlive()) await sleep(20);
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (database) await dropBenchDatabase(database);
      })();
      return stopped;
    },
  };
  running.add(server);

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      const tail = fs.readFileSync(logFile, "utf8").slice(-2000);
      await server.stop();
      throw new Error(`next start exited early:\n${tail}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, "utf8").slice(-2000);
      await server.stop();
      throw new Error(`next start did not answer /api/health within 60 s:\n${tail}`);
    }
    await sleep(100);
  }
  const workers = processTree(pid).filter(
    (p) => p !== pid && fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes("main.mjs"),
  );
  server.servingPid = workers.length === 1 ? workers[0]! : pid;
  return server;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
