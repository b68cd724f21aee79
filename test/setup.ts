// Runs before every test file: a private data folder and a freshly migrated SQLite database
// per file, quiet logs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stowage-test-"));
const dbFile = path.join(dir, "test.db");
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.STORAGE_LOCAL_DIR = path.join(dir, "files");
process.env.APP_URL = "http://localhost:3000";
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
process.env.LOG_LEVEL ??= "silent";
process.env.NEXT_TELEMETRY_DISABLED = "1";

// The committed migrations, applied in order: the same SQL `prisma migrate deploy` runs.
const migrations = path.resolve(import.meta.dirname, "../prisma/migrations");
const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
for (const name of fs.readdirSync(migrations).sort()) {
  const file = path.join(migrations, name, "migration.sql");
  if (fs.existsSync(file)) sqlite.exec(fs.readFileSync(file, "utf8"));
}
sqlite.close();
