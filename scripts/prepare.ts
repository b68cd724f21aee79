// Runs before `npm start` / `npm run dev`: check the configuration, create the data folder,
// apply database migrations, and (with --build) build the app when the sources changed.
import "./load-env";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError, env } from "../lib/env";
import { defaultDriverName, getDriver } from "../lib/storage";
import { buildState } from "./build-state";

// The data folder holds password and token hashes, the app secret and everyone's files: whatever
// the operator's umask, what this script and the migrations create is readable by this account only.
process.umask(0o077);

/** Creates `dir` (and its parents) private, and makes an existing one private too. */
function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

function fail(message: string): never {
  console.error(`\nStowage cannot start:\n${message}\n`);
  process.exit(1);
}

function bin(name: string): string {
  return path.join("node_modules", ".bin", name);
}

try {
  const config = env();
  getDriver(defaultDriverName()); // an incomplete S3 configuration stops here, naming the variable
  privateDir(config.DATA_DIR);
  if (config.DATABASE_URL.startsWith("file:")) {
    fs.mkdirSync(path.dirname(path.resolve(config.DATABASE_URL.slice("file:".length))), {
      recursive: true,
      mode: 0o700,
    });
  }
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

execFileSync(bin("prisma"), ["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
// WAL lets the sweeper and the server read and write the file at the same time.
const sqlitePath = env().DATABASE_URL.slice("file:".length);
const sqlite = new Database(sqlitePath);
sqlite.pragma("journal_mode = WAL");
sqlite.close();
// A database made by an older version under umask 022 is made private too (SQLite gives its -wal
// and -shm files the database's own permissions).
for (const file of [sqlitePath, `${sqlitePath}-wal`, `${sqlitePath}-shm`]) {
  if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
}
console.log(`Database ready (${sqlitePath}).`);

if (process.argv.includes("--build") && buildState() !== "fresh") {
  console.log("Building Stowage (first start, or the sources changed)…");
  execFileSync(bin("next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
