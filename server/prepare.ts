// What must hold before anything serves or changes data (the server's primary process, and the
// operator commands through scripts/prepare.ts): the configuration is valid, the data folder exists
// and is private, the database is migrated and, on SQLite, in WAL mode, the app secret exists.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ConfigError, env } from "../lib/env";
import { applyMigrations } from "../lib/db-migrate";
import { databaseKind, postgresConfig, sqliteFile } from "../lib/db-url";
import { appSecret } from "../lib/secret";
import { defaultDriverName, getDriver } from "../lib/storage";

/** Stops the process with a message naming what is wrong (never a stack trace). */
export function fail(message: string): never {
  console.error(`\nStowage cannot start:\n${message}\n`);
  process.exit(1);
}

/** Creates `dir` (and its parents) private, and makes an existing one private too. */
function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

function checkConfiguration(): void {
  try {
    env();
    getDriver(defaultDriverName()); // an incomplete S3 configuration stops here, naming the variable
    databaseKind(env().DATABASE_URL);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    if (error instanceof Error && error.message.startsWith("DATABASE_URL")) fail(error.message);
    throw error;
  }
}

/** Prepares everything above; answers one line saying where the database is. */
export async function prepare(): Promise<string> {
  checkConfiguration();
  const config = env();
  privateDir(config.DATA_DIR);
  let applied: string[] = [];
  try {
    applied = await applyMigrations(config.DATABASE_URL);
  } catch (error) {
    fail(`the database migrations could not be applied: ${error instanceof Error ? error.message : String(error)}`);
  }
  appSecret(); // generates DATA_DIR/auth-secret on a first start without AUTH_SECRET
  const migrated = applied.length ? `, applied ${applied.length} migration${applied.length > 1 ? "s" : ""}` : "";
  if (databaseKind(config.DATABASE_URL) === "postgresql") {
    const where = new URL(postgresConfig(config.DATABASE_URL).connectionString);
    return `Database ready (PostgreSQL, ${where.host}${where.pathname}${migrated}).`;
  }
  const file = sqliteFile(config.DATABASE_URL);
  // Readers never wait for the writer, across processes too (the mode persists in the file).
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  // A database made by an older version under umask 022 is made private too (SQLite gives its -wal
  // and -shm files the database's own permissions).
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.migrate-lock`]) {
    if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
  return `Database ready (SQLite, ${path.resolve(file)}${migrated}).`;
}
