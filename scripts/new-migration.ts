// `npm run db:new-migration -- <name>`: after an edit of prisma/schema.prisma, writes the migration
// for both databases, in folders of the same name: prisma/migrations/<stamp>_<name> (SQLite) and
// prisma/postgresql/migrations/<stamp>_<name>, each the SQL that takes the schema of the last
// migration (prisma/migrations/schema.snapshot.prisma) to the new one. Then it refreshes the
// snapshot and the derived PostgreSQL schema. `prisma migrate dev` would need a shadow database
// and native engines; Prisma's `migrate diff` of two schemas needs neither (but on PostgreSQL it
// connects to a server, changing nothing there: TEST_DATABASE_URL or DATABASE_URL).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  MIGRATIONS,
  POSTGRES_SCHEMA,
  SNAPSHOT,
  SOURCE_SCHEMA,
  derivePostgresSchema,
  migrationSql,
  type Provider,
} from "./prisma-tools";

const name = process.argv
  .slice(2)
  .join("_")
  .replace(/[^a-z0-9_]+/gi, "_")
  .toLowerCase();
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(1);
}
const before = fs.readFileSync(SNAPSHOT, "utf8");
const after = fs.readFileSync(SOURCE_SCHEMA, "utf8");
const scripts: Record<Provider, string> = {
  sqlite: migrationSql("sqlite", before, after),
  postgresql: migrationSql("postgresql", derivePostgresSchema(before), derivePostgresSchema(after)),
};
if (!scripts.sqlite && !scripts.postgresql) {
  console.log("The schema has not changed since the last migration.");
  process.exit(0);
}
const folder = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;
for (const provider of ["sqlite", "postgresql"] as const) {
  const dir = path.join(MIGRATIONS[provider], folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), scripts[provider] || "-- Nothing changes on this database.\n");
  console.log(`Wrote ${dir}/migration.sql`);
}
fs.copyFileSync(SOURCE_SCHEMA, SNAPSHOT);
fs.writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(after));
execFileSync("npm", ["run", "--silent", "db:generate"], { stdio: "inherit" });
console.log(
  "Review both scripts (SQLite often rebuilds whole tables; hand-written indexes such as Folder_live_name_key\n" +
    "need their own lines in each), then run `npm start` or `npm test` to apply them.",
);
