// One of two starters racing to migrate (lib/db-migrate.test.ts): at `startAt` (ms), applies the
// migrations of `folder` to the database at `url`, and prints the names it applied as one JSON line.
import { applyMigrations } from "../lib/db-migrate";

const [url, folder, startAt] = process.argv.slice(2) as [string, string, string];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
console.log(JSON.stringify(await applyMigrations(url, folder)));
