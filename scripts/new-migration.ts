// `npm run db:new-migration -- <name>`: writes the SQL that takes the database from the schema
// of the last migration (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma.
// `prisma migrate dev` needs a shadow database and native engines, which we do without.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name>");
  process.exit(1);
}
const snapshot = "prisma/migrations/schema.snapshot.prisma";
const sql = execFileSync(
  path.join("node_modules", ".bin", "prisma"),
  ["migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
if (!sql.replace(/--.*$/gm, "").trim()) {
  console.log("The schema has not changed since the last migration.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(folder, { recursive: true });
fs.writeFileSync(path.join(folder, "migration.sql"), sql);
fs.copyFileSync("prisma/schema.prisma", snapshot);
console.log(`Wrote ${folder}/migration.sql — review it (SQLite often rebuilds whole tables).`);
