// Throw-away PostgreSQL databases on a server the caller names (a role that may create databases).
// The integration suite (`TEST_DATABASE_URL=postgresql://…`): the global setup migrates one template
// database, and every test file gets its own copy of it (CREATE DATABASE … TEMPLATE takes
// milliseconds, migrating takes a second), dropped at the end of the run. The two-instance spec
// (e2e/instances.spec.ts) and the benchmarks (bench/postgres.ts) make and drop single databases.
import pg from "pg";
import { applyMigrations } from "../lib/db-migrate";

/** The URL of database `name` on the server of `base` (same credentials and parameters). */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withServer<T>(base: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Ends the sessions still connected to the database too. */
const dropSql = (name: string) => `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`;

/** Creates an empty database `name`; returns its URL. */
export async function createDatabase(base: string, name: string): Promise<string> {
  await withServer(base, (client) => client.query(`CREATE DATABASE ${ident(name)}`));
  return databaseUrl(base, name);
}

/** Drops database `name` if it exists. */
export async function dropDatabase(base: string, name: string): Promise<void> {
  await withServer(base, (client) => client.query(dropSql(name)));
}

/** Creates the run's migrated template database; returns its name. */
export async function createTemplate(base: string, prefix: string): Promise<string> {
  const template = `${prefix}template`;
  await applyMigrations(await createDatabase(base, template));
  return template;
}

/** A fresh database for one test file, a copy of the template; returns its URL. */
export async function cloneTemplate(base: string, template: string, name: string): Promise<string> {
  await withServer(base, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
        return;
      } catch (error) {
        // Two copies started at the same instant: "source database is being accessed by other users".
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  // A test's data need not survive a crash: commits that skip the WAL flush make the suite's
  // thousands of small transactions several times faster on a busy disk.
  const url = new URL(databaseUrl(base, name));
  if (!url.searchParams.has("options")) url.searchParams.set("options", "-c synchronous_commit=off");
  return url.toString();
}

/** Drops every database of this run. */
export async function dropDatabases(base: string, prefix: string): Promise<void> {
  await withServer(base, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    for (const { datname } of rows) await client.query(dropSql(datname));
  });
}
