// Which PostgreSQL `npm test` runs the integration suite against a second time (and the benchmarks'
// PostgreSQL row measures on, bench/postgres.ts): TEST_DATABASE_URL, else a local server that lets
// this OS user in (Debian's socket, then localhost:5432, as libpq would), else none (null: each
// caller says in one line what it leaves out). Plain JavaScript: scripts/test.mjs runs without tsx.
import pg from "pg";

async function reachable(config) {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 2000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function findTestPostgres() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const user = process.env.PGUSER ?? process.env.USER ?? "postgres";
  const database = process.env.PGDATABASE ?? "postgres";
  for (const host of ["/var/run/postgresql", "localhost"]) {
    if (await reachable({ host, user, database })) {
      const url = new URL(`postgresql://${encodeURIComponent(user)}@localhost/${database}`);
      if (host.startsWith("/")) url.searchParams.set("host", host);
      return url.toString();
    }
  }
  return null;
}
