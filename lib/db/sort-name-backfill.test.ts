// The migration that added the natural name sort key fills it in for the rows that were there
// before it (SQL cannot compute it), on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "../../scripts/postgres";
import { applyMigrations, migrationFolder } from "../db-migrate";
import type { DatabaseKind } from "../db-url";
import { nameSortKey } from "../files/sort-key";
import { SORT_NAME_MIGRATION } from "./sort-name-backfill";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-sortname-"));
const postgresBase = process.env.TEST_DATABASE_URL;
const kinds: DatabaseKind[] = postgresBase ? ["sqlite", "postgresql"] : ["sqlite"];
const created: string[] = [];

afterAll(async () => {
  for (const name of created) await dropDatabase(postgresBase!, name);
  fs.rmSync(work, { recursive: true, force: true });
});

async function freshDatabase(kind: DatabaseKind): Promise<string> {
  if (kind === "sqlite") return `file:${path.join(work, `db-${created.length}-${Date.now()}.sqlite`)}`;
  const name = `stowage_sortname_${process.pid}_${created.length}`;
  created.push(name);
  await dropDatabase(postgresBase!, name);
  return createDatabase(postgresBase!, name);
}

/** Runs statements (`?` placeholders) on the database at `url`; the last one's rows. */
async function run<R>(url: string, statements: [string, unknown[]?][]): Promise<R[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length));
    try {
      let rows: R[] = [];
      for (const [sql, params = []] of statements) {
        const statement = db.prepare(sql);
        rows = statement.reader ? (statement.all(...params) as R[]) : (statement.run(...params), []);
      }
      return rows;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: R[] = [];
    for (const [sql, params = []] of statements) {
      let n = 0;
      rows = (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as R[];
    }
    return rows;
  } finally {
    await client.end();
  }
}

/** A copy of the committed migrations folder holding only those before the sort key's. */
function migrationsBeforeSortKey(kind: DatabaseKind): string {
  const all = migrationFolder(kind);
  const folder = fs.mkdtempSync(path.join(work, "before-"));
  for (const entry of fs.readdirSync(all)) {
    if (SORT_NAME_MIGRATION.test(entry)) return folder;
    fs.cpSync(path.join(all, entry), path.join(folder, entry), { recursive: true });
  }
  throw new Error("no sort key migration committed");
}

describe.each(kinds)("the natural sort key migration on %s", (kind) => {
  it("gives every existing file and folder its key", async () => {
    const url = await freshDatabase(kind);
    await applyMigrations(url, migrationsBeforeSortKey(kind));
    const now = new Date().toISOString();
    const names = ["file10.txt", "file2.txt", "README.md", "Éclair.jpg", "big.bin"];
    await run(url, [
      [`INSERT INTO "User" ("id", "email", "updatedAt") VALUES ('u1', 'old@example.com', ?)`, [now]],
      [`INSERT INTO "Folder" ("id", "ownerId", "name", "updatedAt") VALUES ('d1', 'u1', 'Photos 2024', ?)`, [now]],
      ...names.map((name, i): [string, unknown[]] => [
        `INSERT INTO "File" ("id", "ownerId", "name", "size", "type", "storageKey", "driver", "status", "updatedAt")
           VALUES (?, 'u1', ?, 1, 'text/plain', ?, 'local', 'READY', ?)`,
        [`f${i}`, name, `u1/k${i}`, now],
      ]),
    ]);
    const applied = await applyMigrations(url);
    expect(applied.some((name) => SORT_NAME_MIGRATION.test(name))).toBe(true);
    const files = await run<{ name: string; sortName: string }>(url, [
      [`SELECT "name", "sortName" FROM "File" ORDER BY "sortName", "id"`],
    ]);
    expect(files.map((f) => f.sortName)).toEqual(files.map((f) => nameSortKey(f.name)));
    expect(files.map((f) => f.name)).toEqual(["big.bin", "Éclair.jpg", "file2.txt", "file10.txt", "README.md"]);
    const [folder] = await run<{ sortName: string }>(url, [[`SELECT "sortName" FROM "Folder"`]]);
    expect(folder!.sortName).toBe(nameSortKey("Photos 2024"));
  }, 90_000);
});
