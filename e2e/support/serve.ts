// Starts the production build for the browser tests on a fresh, throw-away data folder:
//   tsx e2e/support/serve.ts <local|s3> <port>
// The s3 variant also starts the test S3 server and points the app at it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, throwawayServerEnv } from "../../scripts/throwaway-server";

const [mode = "local", port = "3210"] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stowage-e2e-${mode}-`));
const appEnv = throwawayServerEnv(dir, port, {
  AUTH_SECRET: "e2e-secret-0123456789-0123456789-0123456789",
  LOG_LEVEL: "warn",
  // The browser tests tell visitors apart with X-Forwarded-For (share-link limits per client).
  TRUST_PROXY: "loopback",
  // Room for the 80 MiB journey; small enough to show the quota message with a 101 MiB file.
  DEFAULT_QUOTA_BYTES: "100MiB",
});

// Where this server keeps its database, for specs that set up state the UI cannot (an admin
// through `npm run admin`, as an operator would).
const infoFile = path.join(".tmp", `e2e-server-${port}.json`);

async function main() {
  migrateDatabase(appEnv);
  fs.mkdirSync(path.dirname(infoFile), { recursive: true });
  fs.writeFileSync(infoFile, JSON.stringify({ dataDir: dir, databaseUrl: appEnv.DATABASE_URL }));
  if (mode === "s3") {
    const { startS3Server } = await import("../../test/s3-server");
    const s3 = await startS3Server();
    Object.assign(appEnv, s3.appEnv);
  }
  // The same server as `npm start`.
  const server = spawn(process.execPath, [path.join("dist", "server", "main.mjs")], {
    env: appEnv,
    stdio: "inherit",
  });
  const stop = () => {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(infoFile, { force: true });
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => process.exit(code ?? 1));
}

void main();
