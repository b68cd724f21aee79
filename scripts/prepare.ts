// Runs before `npm start` / `npm run dev`: check the configuration, create the data folder,
// apply database migrations, and (with --build) build the app when the sources changed.
import "./load-env";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, env } from "../lib/env";
import { applyMigrations } from "../lib/db-migrate";
import { databaseKind, postgresConfig, sqliteFile } from "../lib/db-url";
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
  databaseKind(config.DATABASE_URL);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof Error && error.message.startsWith("DATABASE_URL")) fail(error.message);
  throw error;
}

const url = env().DATABASE_URL;
let applied: string[];
try {
  applied = await applyMigrations(url);
} catch (error) {
  fail(`the database migrations could not be applied: ${error instanceof Error ? error.message : String(error)}`);
}
const migrated = applied.length ? `, applied ${applied.length} migration${applied.length > 1 ? "s" : ""}` : "";
if (databaseKind(url) === "sqlite") {
  // A database made by an older version under umask 022 is made private too (SQLite gives its -wal
  // and -shm files the database's own permissions).
  const file = sqliteFile(url);
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.migrate-lock`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
  console.log(`Database ready (SQLite, ${file}${migrated}).`);
} else {
  const where = new URL(postgresConfig(url).connectionString);
  console.log(`Database ready (PostgreSQL, ${where.host}${where.pathname}${migrated}).`);
}

if (process.argv.includes("--build") && buildState() !== "fresh") {
  console.log("Building Stowage (first start, or the sources changed)…");
  execFileSync(bin("next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
