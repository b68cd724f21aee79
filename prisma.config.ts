// Prisma 7 CLI configuration, used for `prisma generate` only (`npm run db:generate` generates the
// SQLite client from prisma/schema.prisma and the PostgreSQL one from its derived copy). Migrations
// are applied by lib/db-migrate.ts and written by scripts/new-migration.ts, so the CLI never needs
// a native schema engine.
import { defineConfig } from "prisma/config";
import { applyEnginePlaceholders } from "./scripts/prisma-tools";

applyEnginePlaceholders();

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
