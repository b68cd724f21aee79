// Prisma CLI configuration. Runs the JS schema engine through the same SQLite driver
// adapter the app uses, so no native Prisma engine is ever downloaded.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const DEFAULT_DATABASE_URL = "file:./data/stowage.db";
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

// The CLI looks for native engine files at start-up even though, with engine "js" and
// engineType "client", it never runs them. Point it at an empty placeholder.
const placeholder = path.join(process.cwd(), "node_modules", ".prisma-engine-placeholder");
if (!fs.existsSync(placeholder)) {
  fs.mkdirSync(path.dirname(placeholder), { recursive: true });
  fs.writeFileSync(placeholder, "");
}
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;

function sqliteUrl(): string {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return url;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaBetterSQLite3({ url: sqliteUrl() }),
});
