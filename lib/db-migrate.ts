// Applies the committed migrations at start-up (scripts/prepare.ts) and in tests: prisma/migrations
// on SQLite, prisma/postgresql/migrations on PostgreSQL. Prisma 7's CLI cannot migrate without a
// native engine, so this does what `prisma migrate deploy` does and keeps its `_prisma_migrations`
// table exactly as Prisma would (sha256 of the file as checksum, RFC 3339 timestamps, one step per
// script, a failed script recorded so that Prisma's own `migrate deploy` stops with P3009): the two
// remain interchangeable. Each script runs as-is, without a wrapping transaction (SQLite table
// rebuilds turn foreign keys off, which a transaction would ignore).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, postgresConfig, sqliteFile, type DatabaseKind } from "./db-url";

// The project root: the server runs from it (npm start), bundled into dist/, so not relative to this file.
const ROOT = process.cwd();
export const MIGRATION_FOLDERS: Record<DatabaseKind, string> = {
  sqlite: path.join(ROOT, "prisma", "migrations"),
  postgresql: path.join(ROOT, "prisma", "postgresql", "migrations"),
};
/** The key Prisma's schema engine takes its PostgreSQL advisory lock with. */
const PRISMA_ADVISORY_LOCK = 72707369;

interface Migration {
  name: string;
  script: string;
  checksum: string;
}

export function committedMigrations(kind: DatabaseKind): Migration[] {
  const dir = MIGRATION_FOLDERS[kind];
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")))
    .sort()
    .map((name) => {
      const script = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: crypto.createHash("sha256").update(script).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** One database's side of the work; `exclusive` holds the migration lock around `run`. */
interface Target {
  exclusive<T>(run: () => Promise<T>): Promise<T>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  script(sql: string): Promise<void>;
  tableDdl: string;
  now(): unknown;
}

/** Prisma writes SQLite timestamps as RFC 3339 text with milliseconds. */
const rfc3339 = (date: Date) => date.toISOString().replace("Z", "+00:00");

function sqliteTarget(file: string): Target {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const db = new Database(file, { timeout: 60_000 });
  // WAL lets several processes (and the sweeper script) read and write the file at the same time.
  db.pragma("journal_mode = WAL");
  return {
    async exclusive(run) {
      // Two processes starting at once: the second waits here until the first has finished (the
      // lock is a separate file's, so the scripts themselves run outside any transaction).
      const lock = new Database(`${file}.migrate-lock`, { timeout: 120_000 });
      try {
        lock.exec("BEGIN EXCLUSIVE");
        return await run();
      } finally {
        if (lock.inTransaction) lock.exec("COMMIT");
        lock.close();
        db.close();
      }
    },
    async query<R>(sql: string, params: unknown[] = []) {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as R[];
    },
    async script(sql) {
      db.exec(sql);
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

function postgresTarget(url: string): Target {
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
      await client.query(sql);
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

export class MigrationError extends Error {}

/** Applies every committed migration the database lacks, in order; returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const kind = databaseKind(url);
  const target = kind === "sqlite" ? sqliteTarget(sqliteFile(url)) : postgresTarget(url);
  return target.exclusive(async () => {
    await target.query(target.tableDdl);
    const rows = await target.query<AppliedRow>(
      `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`,
    );
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier (Prisma error P3009). Fix the database, then mark it with ` +
          "`prisma migrate resolve --rolled-back` or `--applied` (see prisma.io/docs: production troubleshooting).",
      );
    }
    const done = new Set(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of committedMigrations(kind).filter((m) => !done.has(m.name))) {
      const id = crypto.randomUUID();
      await target.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, 0)`,
        [id, migration.checksum, migration.name, target.now()],
      );
      try {
        await target.script(migration.script);
      } catch (error) {
        const logs = `Applying migration \`${migration.name}\` failed:\n${String(error)}`;
        await target.query(`UPDATE "_prisma_migrations" SET "logs" = ? WHERE "id" = ?`, [logs, id]);
        throw new MigrationError(logs);
      }
      await target.query(
        `UPDATE "_prisma_migrations" SET "finished_at" = ?, "applied_steps_count" = 1 WHERE "id" = ?`,
        [target.now(), id],
      );
      applied.push(migration.name);
    }
    return applied;
  });
}
