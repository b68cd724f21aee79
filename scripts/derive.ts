// `npm run db:derive`: writes what is derived from prisma/schema.prisma for PostgreSQL (its copy
// of the schema). `--check` (run by `npm test`) changes nothing and fails when a derived file is
// stale, or when a schema change has no migration yet.
import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS, POSTGRES_SCHEMA, SNAPSHOT, SOURCE_SCHEMA, derivePostgresSchema } from "./prisma-tools";

const check = process.argv.includes("--check");
const problems: string[] = [];

const derived = derivePostgresSchema(fs.readFileSync(SOURCE_SCHEMA, "utf8"));
const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
if (current !== derived) {
  if (check) problems.push(`${POSTGRES_SCHEMA} is stale: run \`npm run db:derive\`.`);
  else {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, derived);
    console.log(`Wrote ${POSTGRES_SCHEMA}.`);
  }
}

// Every model change is a migration for both databases: the snapshot (the schema as of the last
// migration) matches the source apart from comments, and every SQLite migration after the
// PostgreSQL baseline has its PostgreSQL twin.
const withoutComments = (schema: string) =>
  schema
    .replace(/\/\/.*$/gm, "")
    .replace(/\s+/g, " ")
    .trim();
if (withoutComments(fs.readFileSync(SNAPSHOT, "utf8")) !== withoutComments(fs.readFileSync(SOURCE_SCHEMA, "utf8"))) {
  problems.push(`${SOURCE_SCHEMA} changed since the last migration: run \`npm run db:new-migration -- <name>\`.`);
}
const folders = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")))
    .sort();
const postgres = folders(MIGRATIONS.postgresql);
const stamp = (name: string) => name.slice(0, 14);
const baseline = stamp(postgres[0] ?? "");
for (const name of folders(MIGRATIONS.sqlite)) {
  if (stamp(name) > baseline && !postgres.includes(name)) problems.push(`${MIGRATIONS.postgresql}/${name} is missing.`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
if (check) console.log("Derived database files are up to date.");
