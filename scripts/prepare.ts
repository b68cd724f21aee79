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
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  if (config.DATABASE_URL.startsWith("file:")) {
    fs.mkdirSync(path.dirname(path.resolve(config.DATABASE_URL.slice("file:".length))), { recursive: true });
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
console.log(`Database ready (${sqlitePath}).`);

if (process.argv.includes("--build") && buildState() !== "fresh") {
  console.log("Building Stowage (first start, or the sources changed)…");
  execFileSync(bin("next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
