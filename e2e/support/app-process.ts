// A production server (`npm start`'s dist/server/main.mjs, built by `npm run build`) as a child process of the test, for specs
// that need more than the suite's web servers: several instances, or a server to shut down.
// Its output goes to `<dataDir>/server-<port>.log` (JSON log lines, read back with logLines()).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, throwawayServerEnv } from "../../scripts/throwaway-server";

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  logLines(): Record<string, unknown>[];
  /** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

/** A fresh data folder with a migrated SQLite database, and the environment that uses it. */
export function freshDataDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `stowage-${prefix}-`));
}

export function migrate(dataDir: string, overrides: Record<string, string> = {}): void {
  migrateDatabase(throwawayServerEnv(dataDir, 0, overrides));
}

export async function startApp(
  dataDir: string,
  port: number,
  overrides: Record<string, string> = {},
): Promise<AppProcess> {
  const env = throwawayServerEnv(dataDir, port, {
    AUTH_SECRET: "e2e-secret-0123456789-0123456789-0123456789",
    LOG_LEVEL: "info",
    ...overrides,
  });
  const logFile = path.join(dataDir, `server-${port}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [path.join("dist", "server", "main.mjs")], {
    env,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://localhost:${port}`;
  const app: AppProcess = {
    url,
    port,
    child,
    exited,
    logLines: () =>
      fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (!done) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (done) throw new Error(`server on ${port} exited early:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
    const ok = await fetch(`${url}/api/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return app;
    if (Date.now() > deadline) {
      await app.stop("SIGKILL");
      throw new Error(`server on ${port} did not answer /api/health within 90 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
