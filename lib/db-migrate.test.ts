// The migrator against Prisma's own rules, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL:
// a failed script is recorded and refused as Prisma's P3009, two starters apply each migration once,
// and afterwards Prisma's own `migrate status` (6.19, the dev dependency) finds nothing to apply.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prismaMigrate } from "../scripts/prisma-tools";
import { createDatabase, dropDatabase } from "../scripts/postgres";
import { applyMigrations, MigrationError, resolveMigration } from "./db-migrate";
import type { DatabaseKind } from "./db-url";

const run = promisify(execFile);
const CHILD = path.resolve(import.meta.dirname, "../test/migrate-child.ts");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-migrate-"));
const postgresBase = process.env.TEST_DATABASE_URL;
const kinds: DatabaseKind[] = postgresBase ? ["sqlite", "postgresql"] : ["sqlite"];
const created: string[] = [];
let databases = 0;

afterAll(async () => {
  for (const name of created) await dropDatabase(postgresBase!, name);
  fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh, empty database of `kind`; its URL. */
async function freshDatabase(kind: DatabaseKind): Promise<string> {
  const n = ++databases;
  if (kind === "sqlite") return `file:${path.join(work, `db${n}.sqlite`)}`;
  const name = `stowage_migrate_${process.pid}_${n}`;
  created.push(name);
  await dropDatabase(postgresBase!, name);
  return createDatabase(postgresBase!, name);
}

/** A migrations folder of `scripts` (name → SQL), as Prisma lays it out. */
function folderOf(kind: DatabaseKind, scripts: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(work, "migrations-"));
  fs.writeFileSync(path.join(folder, "migration_lock.toml"), `provider = "${kind}"\n`);
  for (const [name, sql] of Object.entries(scripts)) {
    fs.mkdirSync(path.join(folder, name));
    fs.writeFileSync(path.join(folder, name, "migration.sql"), sql);
  }
  return folder;
}

/** Runs `sql` on the database at `url`; its rows. */
async function query<R>(url: string, sql: string): Promise<R[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { readonly: true });
    try {
      return db.prepare(sql).all() as R[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as R[];
  } finally {
    await client.end();
  }
}

interface Row {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
  applied_steps_count: number;
}
const recorded = (url: string) =>
  query<Row>(
    url,
    `SELECT "migration_name", "finished_at", "rolled_back_at", "logs", "applied_steps_count"
     FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`,
  );

describe.each(kinds)("the migrator on %s", (kind) => {
  it("applies the committed migrations, after which Prisma's own migrate status finds the database up to date", async () => {
    const url = await freshDatabase(kind);
    const applied = await applyMigrations(url);
    expect(applied.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]); // the next start: nothing to do
    const status = prismaMigrate(kind, url, "status");
    expect(status.output).toMatch(new RegExp(`${applied.length} migrations? found`));
    expect(status.output).toContain("Database schema is up to date");
    expect(status.status, status.output).toBe(0);
  }, 90_000);

  it("records a failed script, then refuses to go on, naming the migration and how to resolve it", async () => {
    const url = await freshDatabase(kind);
    const folder = folderOf(kind, {
      "20260101000000_good": 'CREATE TABLE "good" ("n" INTEGER);\n',
      "20260102000000_broken": 'CREATE TABLE "half" ("n" INTEGER);\nINSERT INTO "missing" VALUES (1);\n',
      "20260103000000_later": 'CREATE TABLE "later" ("n" INTEGER);\n',
    });
    const first = await applyMigrations(url, folder).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(MigrationError);
    expect((first as Error).message).toContain("20260102000000_broken");
    const rows = await recorded(url);
    expect(rows.map((row) => row.migration_name)).toEqual(["20260101000000_good", "20260102000000_broken"]);
    expect(rows[0]!.finished_at).not.toBeNull();
    expect(rows[1]).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(rows[1]!.logs).toMatch(/missing/);

    // The next start refuses, as Prisma's own migrate deploy does (P3009).
    const again = await applyMigrations(url, folder).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(MigrationError);
    expect((again as Error).message).toMatch(/20260102000000_broken failed earlier.*P3009/);
    expect((again as Error).message).toContain("npm run db:migrate -- --rolled-back 20260102000000_broken");
    const deploy = prismaMigrate(kind, url, "deploy", folder);
    expect(deploy.status).not.toBe(0);
    expect(deploy.output).toMatch(/P3009[\s\S]*20260102000000_broken/);

    // Repaired (the script fixed, what it left undone), marked rolled back: applied at the next start.
    fs.writeFileSync(
      path.join(folder, "20260102000000_broken", "migration.sql"),
      'CREATE TABLE "half" ("n" INTEGER);\n',
    );
    if (kind === "sqlite") await applyScript(url, 'DROP TABLE "half"'); // SQLite kept the first statement
    await resolveMigration(url, "20260102000000_broken", "rolled-back", folder);
    expect(await applyMigrations(url, folder)).toEqual(["20260102000000_broken", "20260103000000_later"]);
    const after = prismaMigrate(kind, url, "status", folder);
    expect(after.status, after.output).toBe(0);
  }, 90_000);

  it("records a failed migration completed by hand as applied, and goes on with the next", async () => {
    const url = await freshDatabase(kind);
    const folder = folderOf(kind, {
      "20260101000000_broken": 'INSERT INTO "missing" VALUES (1);\n',
      "20260102000000_next": 'CREATE TABLE "next" ("n" INTEGER);\n',
    });
    await expect(applyMigrations(url, folder)).rejects.toThrow(MigrationError);
    await expect(resolveMigration(url, "20260101000000_next", "applied", folder)).rejects.toThrow(/no migration/);
    await resolveMigration(url, "20260101000000_broken", "applied", folder);
    await expect(resolveMigration(url, "20260101000000_broken", "applied", folder)).rejects.toThrow(/already/);
    expect(await applyMigrations(url, folder)).toEqual(["20260102000000_next"]);
  }, 60_000);

  it("applies each migration once when two starters race", async () => {
    const url = await freshDatabase(kind);
    // The first takes a while, so that the second start arrives while it runs.
    const slow =
      kind === "sqlite"
        ? 'CREATE TABLE "slow" AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT COUNT(*) AS n FROM c;\n'
        : "SELECT pg_sleep(0.5);\n";
    const folder = folderOf(kind, {
      "20260101000000_counter": `${slow}CREATE TABLE "counter" ("n" INTEGER NOT NULL);\n`,
      "20260102000000_one": 'INSERT INTO "counter" VALUES (1);\n',
      "20260103000000_two": 'INSERT INTO "counter" VALUES (2);\n',
    });
    const startAt = String(Date.now() + 3000); // both processes up and waiting
    const starters = await Promise.all(
      [1, 2].map(() => run(process.execPath, ["--import", "tsx", CHILD, url, folder, startAt], { env: process.env })),
    );
    const applied = starters.map(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1)!) as string[]);
    expect(applied.flat().sort()).toEqual(["20260101000000_counter", "20260102000000_one", "20260103000000_two"]);
    expect(await query(url, 'SELECT "n" FROM "counter" ORDER BY "n"')).toEqual([{ n: 1 }, { n: 2 }]);
    const rows = await recorded(url);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
  }, 60_000);
});

async function applyScript(url: string, sql: string): Promise<void> {
  const db = new Database(url.slice("file:".length));
  db.exec(sql);
  db.close();
}
