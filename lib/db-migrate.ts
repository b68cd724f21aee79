// Applies the committed migrations at start-up (scripts/prepare.ts) and in tests: prisma/migrations
// on SQLite, prisma/postgresql/migrations on PostgreSQL, found under the project root (the working
// directory, where `npm start`, the scripts and the tests run). Prisma 7's CLI cannot migrate without
// a native engine, so this does what `prisma migrate deploy` does and keeps its `_prisma_migrations`
// table exactly as Prisma would (sha256 of the file as checksum, RFC 3339 timestamps, one step per
// script, a failed script recorded so that Prisma's own `migrate deploy` stops with P3009, and so does
// this): the two remain interchangeable. Each script runs as-is, without a wrapping transaction
// (SQLite table rebuilds turn foreign keys off, which a transaction would ignore). Concurrent starts
// take turns (lib/db/migration-targets.ts): each migration is applied once.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseKind, sqliteFile, type DatabaseKind } from "./db-url";
import { postgresTarget, sqliteTarget, type Target } from "./db/migration-targets";
import { backfillSortNames, SORT_NAME_MIGRATION } from "./db/sort-name-backfill";

/** A database's committed migrations folder under the project root. */
export function migrationFolder(kind: DatabaseKind, root = process.cwd()): string {
  return kind === "sqlite"
    ? path.join(root, "prisma", "migrations")
    : path.join(root, "prisma", "postgresql", "migrations");
}

interface Migration {
  name: string;
  script: string;
  checksum: string;
}

/** The migrations of `folder` (each a subfolder with a migration.sql), in name order. */
export function committedMigrations(folder: string): Migration[] {
  return fs
    .readdirSync(folder)
    .filter((name) => fs.existsSync(path.join(folder, name, "migration.sql")))
    .sort()
    .map((name) => {
      const script = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, script, checksum: crypto.createHash("sha256").update(script).digest("hex") };
    });
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface Row {
  id: string;
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
}

function targetFor(url: string): Target {
  return databaseKind(url) === "sqlite" ? sqliteTarget(sqliteFile(url)) : postgresTarget(url);
}

async function recorded(target: Target): Promise<Row[]> {
  await target.query(target.tableDdl);
  return target.query<Row>(
    `SELECT "id", "migration_name", "finished_at", "rolled_back_at", "logs" FROM "_prisma_migrations"`,
  );
}

const isFailed = (row: Row) => row.finished_at === null && row.rolled_back_at === null;

/** What to do about failed migration `name`: Prisma's `migrate resolve`, as a command this installation has. */
function howToResolve(name: string): string {
  return (
    "No migration is applied until it is resolved. Repair the database by hand (undo what the script did, " +
    "or complete it), then run one of:\n" +
    `  npm run db:migrate -- --rolled-back ${name}   (applied again at the next start)\n` +
    `  npm run db:migrate -- --applied ${name}       (you completed it by hand)\n` +
    "(Prisma's `prisma migrate resolve` does the same: https://pris.ly/d/migrate-resolve)"
  );
}

/** Applies every migration of `folder` the database lacks, in order; returns the names applied. */
export async function applyMigrations(url: string, folder = migrationFolder(databaseKind(url))): Promise<string[]> {
  const target = targetFor(url);
  return target.exclusive(async () => {
    const rows = await recorded(target);
    const failed = rows.find(isFailed);
    if (failed) {
      const log = failed.logs ? `\nIts log:\n${failed.logs.trim()}\n` : "\n";
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and is recorded as failed in _prisma_migrations ` +
          `(Prisma's error P3009).${log}${howToResolve(failed.migration_name)}`,
      );
    }
    const done = new Set(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of committedMigrations(folder).filter((m) => !done.has(m.name))) {
      const id = crypto.randomUUID();
      await target.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES (?, ?, ?, ?, 0)`,
        [id, migration.checksum, migration.name, target.now()],
      );
      try {
        await target.script(migration.script);
        // A data step SQL cannot do, run before the migration counts as applied.
        if (SORT_NAME_MIGRATION.test(migration.name)) await backfillSortNames(target);
      } catch (error) {
        const logs = `Applying migration \`${migration.name}\` failed:\n${String(error)}`;
        await target.query(`UPDATE "_prisma_migrations" SET "logs" = ? WHERE "id" = ?`, [logs, id]);
        throw new MigrationError(`${logs}\n${howToResolve(migration.name)}`, { cause: error });
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

/**
 * Marks failed migration `name` as rolled back (the next start applies it again) or as applied (it
 * was completed by hand), as Prisma's `migrate resolve --rolled-back` / `--applied` do.
 */
export async function resolveMigration(
  url: string,
  name: string,
  as: "rolled-back" | "applied",
  folder = migrationFolder(databaseKind(url)),
): Promise<void> {
  const target = targetFor(url);
  await target.exclusive(async () => {
    const rows = (await recorded(target)).filter((row) => row.migration_name === name);
    const failed = rows.filter(isFailed);
    if (as === "rolled-back" && failed.length === 0) {
      throw new MigrationError(`Migration ${name} is not recorded as failed: there is nothing to roll back.`);
    }
    const migration = committedMigrations(folder).find((m) => m.name === name);
    if (as === "applied") {
      if (!migration) throw new MigrationError(`There is no migration ${name} in ${folder}.`);
      if (rows.some((row) => row.finished_at !== null)) {
        throw new MigrationError(`Migration ${name} is already recorded as applied.`);
      }
    }
    for (const row of failed) {
      await target.query(`UPDATE "_prisma_migrations" SET "rolled_back_at" = ? WHERE "id" = ?`, [target.now(), row.id]);
    }
    if (as === "applied") {
      const now = target.now();
      await target.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") VALUES (?, ?, ?, ?, ?, 1)`,
        [crypto.randomUUID(), migration!.checksum, name, now, now],
      );
    }
  });
}
