// Starts the production build (`next start`) on a fresh, throw-away data folder, the way
// e2e/support/serve.ts does, plus what `npm start` adds (scripts/prepare.ts): WAL journal mode.
// The server runs in its own process group so that stop() can end it and any child it spawns.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildState } from "../scripts/build-state";
import { migrateDatabase, throwawayServerEnv } from "../scripts/throwaway-server";
import Database from "better-sqlite3";

export const REPO = path.resolve(import.meta.dirname, "..");
/** Throw-away folders live under the repo's gitignored .tmp/ (same file system as the repo). */
export const BENCH_TMP = path.join(REPO, ".tmp");
/**
 * The app whose build is served: this checkout, or BENCH_APP_DIR (a patched copy with its own
 * build and node_modules, to measure a proposed change without touching the checkout).
 */
export const APP_SOURCE = path.resolve(process.env.BENCH_APP_DIR ?? REPO);

export interface Server {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  filesDir: string;
  logFile: string;
  /** Ends the process group (SIGTERM, then SIGKILL) and removes the data folder. Idempotent. */
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

let appDir: string | undefined;

/**
 * A private copy of the production build for this bench run: `.next` hard-linked (instant, no
 * extra space) into .tmp/bench-app-*, next to symlinks to node_modules, public and the config.
 * Other people rebuilding `.next` in the shared checkout meanwhile cannot pull the build out
 * from under a running server, and every server of the run serves the same build.
 */
export function snapshotBuild(): string {
  if (appDir) return appDir;
  fs.mkdirSync(BENCH_TMP, { recursive: true });
  const dir = fs.mkdtempSync(path.join(BENCH_TMP, "bench-app-"));
  fs.mkdirSync(path.join(dir, ".next"));
  for (const entry of fs.readdirSync(path.join(APP_SOURCE, ".next"))) {
    if (entry === "cache" || entry === "trace" || entry === "trace-build") continue;
    execFileSync("cp", ["-al", path.join(APP_SOURCE, ".next", entry), path.join(dir, ".next", entry)]);
  }
  for (const entry of ["node_modules", "public", "package.json", "next.config.js", "scripts", "lib", "app", "tsconfig.json"]) {
    if (fs.existsSync(path.join(APP_SOURCE, entry)))
      fs.symlinkSync(path.join(APP_SOURCE, entry), path.join(dir, entry));
  }
  appDir = dir;
  return dir;
}

export function removeSnapshot(): void {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
  appDir = undefined;
}

export function ensureBuild(): { built: boolean; stale: boolean } {
  const state = buildState(APP_SOURCE);
  if (state === "missing") {
    console.log("No production build (.next/BUILD_ID missing): running next build…");
    execFileSync(process.execPath, [path.join(APP_SOURCE, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: APP_SOURCE,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    return { built: true, stale: false };
  }
  return { built: false, stale: state === "stale" };
}

export async function startServer(
  label: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Server> {
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
    ...extraEnv,
  });
  try {
    // Always this checkout's migrations and Prisma CLI: a patched copy shares the schema.
    migrateDatabase(env, REPO);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  // What `npm start` does after migrating (scripts/prepare.ts): WAL; the mode persists in the file.
  const sqlite = new Database(path.join(dataDir, "stowage.db"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();

  const app = snapshotBuild();
  const logFile = path.join(dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const child: ChildProcess = spawn(
    process.execPath,
    // The same server as `npm start` (Next, plus the signed storage URLs served directly).
    [...nodeArgs, "--import", "tsx", path.join(app, "scripts", "start.ts")],
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
    dataDir,
    filesDir,
    logFile,
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
      await server.stop();
      throw new Error("next start did not answer /api/health within 60 s");
    }
    await sleep(100);
  }
  return server;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
