// PostgreSQL for the benchmarks: startServer(…, { database: "postgresql" }) gets a throw-away database
// on BENCH_DATABASE_URL's server, else on the one `npm test` finds (scripts/test-postgres.mjs), dropped
// when the server stops. Its backends are the PostgreSQL server's processes, not the app's: their CPU
// is read here, from /proc (so only when that server runs on this machine).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, dropDatabase, withServer } from "../scripts/postgres";
import { findTestPostgres } from "../scripts/test-postgres.mjs";
import { processTicks } from "./machine";

export interface BenchDatabase {
  /** The server's URL (its maintenance database): BENCH_DATABASE_URL or the tests'. */
  server: string;
  name: string;
  url: string;
}

let found: Promise<string | null> | undefined;

/** The PostgreSQL server the bench measures on, or null when none is reachable (looked up once per run). */
export function benchPostgres(): Promise<string | null> {
  found ??= process.env.BENCH_DATABASE_URL ? Promise.resolve(process.env.BENCH_DATABASE_URL) : findTestPostgres();
  return found;
}

/** What the figures were measured against, e.g. "PostgreSQL 15.9 on localhost:5432, synchronous_commit on". */
export async function describePostgres(server: string): Promise<string> {
  const settings = await withServer(server, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit')",
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  });
  const version = settings.server_version?.split(" ")[0];
  return `PostgreSQL ${version} on ${new URL(server).host}, synchronous_commit ${settings.synchronous_commit}`;
}

/** A new, empty database for one bench server (migrated by startServer like a SQLite file). */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const server = await benchPostgres();
  if (!server) throw new Error("no PostgreSQL reachable: set BENCH_DATABASE_URL or TEST_DATABASE_URL");
  const tag = label.toLowerCase().replace(/\W/g, "_").slice(0, 30);
  const name = `stowage_bench_${tag}_${crypto.randomBytes(4).toString("hex")}`;
  return { server, name, url: await createDatabase(server, name) };
}

export function dropBenchDatabase(db: BenchDatabase): Promise<void> {
  return dropDatabase(db.server, db.name);
}

/**
 * The same drop for exit handlers, which cannot wait for a promise: this file run as a child process
 * (the URL, which holds the password, goes in its environment, not on a command line `ps` shows).
 */
export function dropBenchDatabaseSync(db: BenchDatabase): void {
  try {
    execFileSync(process.execPath, ["--import", "tsx", import.meta.filename], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, BENCH_DROP_DATABASE: JSON.stringify(db) },
      stdio: "ignore",
      timeout: 20_000,
    });
  } catch {
    // Nothing more an exit handler can do; the database's name says where it came from.
  }
}

if (process.argv[1] === import.meta.filename && process.env.BENCH_DROP_DATABASE) {
  await dropBenchDatabase(JSON.parse(process.env.BENCH_DROP_DATABASE) as BenchDatabase);
}

/**
 * CPU time (utime + stime, in jiffies) of each process of the local PostgreSQL server working for
 * `database`, by pid: its backends, whose title reads "postgres: [cluster: ]user database client
 * state", and autovacuum workers on it. The server's shared processes (WAL writer, checkpointer)
 * serve every database and are not counted.
 */
export function backendTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let title: string;
    try {
      title = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    if (title.startsWith("postgres: ") && title.replace(/\0/g, " ").split(" ").includes(database))
      ticks.set(Number(entry), processTicks(entry));
  }
  return ticks;
}

/** Jiffies those processes used since `before` (a backend started since counts from zero). */
export function backendTicksSince(database: string, before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ticks] of backendTicks(database)) total += ticks - (before.get(pid) ?? 0);
  return total;
}
