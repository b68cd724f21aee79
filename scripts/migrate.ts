// `npm run db:migrate`: applies the committed migrations to DATABASE_URL's database, nothing else
// (`npm start` does it too, in scripts/prepare.ts, with the rest of its checks).
// `npm run db:migrate -- --rolled-back <name>` / `--applied <name>`: resolves a failed migration, as
// Prisma's `migrate resolve` does (after the database was repaired by hand).
import "./load-env";
import { applyMigrations, MigrationError, resolveMigration } from "../lib/db-migrate";

const url = process.env.DATABASE_URL ?? "file:./data/stowage.db";
const [flag, name] = process.argv.slice(2);
try {
  if (flag === "--rolled-back" || flag === "--applied") {
    if (!name) throw new MigrationError(`Usage: npm run db:migrate -- ${flag} <migration name>`);
    await resolveMigration(url, name, flag === "--applied" ? "applied" : "rolled-back");
    console.log(`Recorded ${name} as ${flag === "--applied" ? "applied" : "rolled back"}.`);
  } else if (flag !== undefined) {
    throw new MigrationError("Usage: npm run db:migrate [-- --rolled-back <name> | --applied <name>]");
  } else {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `Applied ${applied.join(", ")}.` : "No pending migrations.");
  }
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  console.error(error.message);
  process.exit(1);
}
