// The two databases as lib/db-migrate.ts sees them: a lock held while migrating, queries with `?`
// placeholders, scripts run as they are, and Prisma's `_prisma_migrations` table for each.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { postgresConfig } from "../db-url";
import { isBusy } from "./sqlite-convert";

/** One database's side of the work; `exclusive` holds the migration lock around `run`, then disconnects. */
export interface Target {
  exclusive<T>(run: () => Promise<T>): Promise<T>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  script(sql: string): Promise<void>;
  /** Prisma's own definition of its table. */
  tableDdl: string;
  now(): unknown;
}

/** The key Prisma's schema engine takes its PostgreSQL advisory lock with. */
const PRISMA_ADVISORY_LOCK = 72707369;
/** How long a start waits for another one's migrations. */
const LOCK_WAIT_MS = 120_000;

/** Prisma writes SQLite timestamps as RFC 3339 text with milliseconds. */
const rfc3339 = (date: Date) => date.toISOString().replace("Z", "+00:00");

/**
 * Takes an exclusive lock on `<file>.migrate-lock` (a separate file, so the scripts themselves run
 * outside any transaction), waiting for another start's without blocking the event loop.
 */
async function lockFile(file: string): Promise<Database.Database> {
  const lock = new Database(`${file}.migrate-lock`, { timeout: 0 });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      lock.exec("BEGIN EXCLUSIVE");
      return lock;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) {
        lock.close();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    }
  }
}

export function sqliteTarget(file: string): Target {
  let db: Database.Database | undefined;
  const open = () => db ?? (db = new Database(file, { timeout: 60_000 }));
  return {
    async exclusive(run) {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
      const lock = await lockFile(file);
      try {
        // WAL lets several processes (and the sweeper script) read and write the file at the same time.
        open().pragma("journal_mode = WAL");
        return await run();
      } finally {
        db?.close();
        if (lock.inTransaction) lock.exec("COMMIT");
        lock.close();
      }
    },
    async query<R>(sql: string, params: unknown[] = []) {
      const statement = open().prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as R[];
    },
    async script(sql) {
      try {
        open().exec(sql);
      } catch (error) {
        // A script with its own BEGIN that failed part-way leaves its transaction open.
        if (open().inTransaction) open().exec("ROLLBACK");
        throw error;
      }
    },
    tableDdl: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
    now: () => rfc3339(new Date()),
  };
}

export function postgresTarget(url: string): Target {
  const { connectionString, schema } = postgresConfig(url);
  const client = new pg.Client({ connectionString });
  const positional = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async exclusive(run) {
      await client.connect();
      try {
        if (schema) {
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(schema)}`);
          await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
        }
        await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
        return await run();
      } finally {
        await client.end(); // ending the session releases the advisory lock
      }
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await client.query(positional(sql), params)).rows as R[];
    },
    async script(sql) {
      try {
        await client.query(sql);
      } catch (error) {
        // A script with its own BEGIN that failed part-way leaves the session in an aborted transaction.
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    tableDdl: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
    now: () => new Date(),
  };
}
