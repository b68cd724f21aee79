// Runs before every test file: a private data folder and a freshly migrated database per file
// (SQLite, or a copy of the run's PostgreSQL template with TEST_DATABASE_URL), quiet logs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { applyMigrations } from "../lib/db-migrate";
import { cloneTemplate } from "../scripts/postgres";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-test-"));
process.env.DATA_DIR = dir;
process.env.STORAGE_LOCAL_DIR = path.join(dir, "files");
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.LOG_LEVEL ??= "silent";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const template = inject("postgresTemplate");
if (template && process.env.TEST_DATABASE_URL) {
  const name = `${template.replace(/template$/, "")}${path.basename(dir).replace(/\W/g, "_").toLowerCase()}`;
  process.env.DATABASE_URL = await cloneTemplate(process.env.TEST_DATABASE_URL, template, name);
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
  await applyMigrations(process.env.DATABASE_URL);
}
