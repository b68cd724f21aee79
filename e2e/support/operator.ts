// Operator commands on the e2e server's data, as an administrator would run them on the machine.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Where the server under test keeps its data (written by e2e/support/serve.ts). */
export function serverData(baseURL: string): { dataDir: string; databaseUrl: string } {
  const port = new URL(baseURL).port;
  return JSON.parse(fs.readFileSync(path.join(".tmp", `e2e-server-${port}.json`), "utf8"));
}

/** Runs a script on the server's data the way an operator would (`npm run admin`, `npm run storage:reconcile`). */
export function operator(baseURL: string, script: string, args: string[]): string {
  const { dataDir, databaseUrl } = serverData(baseURL);
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  // storage:reconcile exits 1 when it found something: that is an answer, not a failure.
  if (result.status === null || result.status > 1) throw new Error(`${script} failed: ${result.stderr}`);
  return result.stdout;
}

/** Makes an account an admin: `npm run admin -- promote`. */
export function promote(baseURL: string, email: string) {
  operator(baseURL, "scripts/admin.ts", ["promote", email]);
}
