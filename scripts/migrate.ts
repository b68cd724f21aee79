// `npm run db:migrate`: applies the committed migrations to DATABASE_URL's database, nothing else
// (`npm start` does it too, in scripts/prepare.ts, with the rest of its checks).
import "./load-env";
import { applyMigrations } from "../lib/db-migrate";

const url = process.env.DATABASE_URL ?? "file:./data/stowage.db";
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied ${applied.join(", ")}.` : "No pending migrations.");
