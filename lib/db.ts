// The one Prisma client. DATABASE_URL's scheme picks the database: SQLite ("file:…") through
// better-sqlite3 (Stowage's own driver adapter, lib/db/sqlite-adapter.ts), or PostgreSQL
// ("postgresql://…") through node-postgres. Each provider has its own generated client
// (prisma/schema.prisma and its derived copy, prisma/postgresql/schema.prisma); both expose the same
// models, so the rest of the code is typed against the SQLite one.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-pg/client";
import { env } from "./env";
import { log } from "./log";
import { forgetPerProcess, perProcess } from "./per-process";
import { SqliteAdapterFactory } from "./db/sqlite-adapter";
import { withSortNames } from "./db/sort-names";
import { databaseKind, postgresConfig, sqliteFile, type DatabaseKind } from "./db-url";

import { Prisma } from "./generated/prisma/client";

export { Prisma };
export type { DatabaseKind } from "./db-url";

/** A new client with its own connection (the app uses `db`; tests open a second one, as another process would). */
export function createClient(): PrismaClient {
  const { DATABASE_URL: url, DATABASE_POOL_SIZE: poolSize, DATABASE_WAIT_SECONDS: waitSeconds } = env();
  // Requests beyond the pool (or SQLite's turn) queue this long; then Prisma's P2028 becomes a 503 (lib/http/respond.ts).
  const transactionOptions = { maxWait: Math.ceil(waitSeconds * 1000) };
  if (databaseKind(url) === "postgresql") {
    const { connectionString, schema } = postgresConfig(url);
    const adapter = new PrismaPg({ connectionString, max: poolSize }, schema ? { schema } : undefined);
    // Same models and queries; only the types of a few provider-only options differ.
    return withSortNames(new PostgresPrismaClient({ adapter, transactionOptions })) as unknown as PrismaClient;
  }
  return withSortNames(new PrismaClient({ adapter: new SqliteAdapterFactory(sqliteFile(url)), transactionOptions }));
}

const CLIENT = "prisma client";

/** The process's client, made on first use (so configuration is read at run time, not when a build imports this). */
function theClient(): PrismaClient {
  return perProcess(CLIENT, () => {
    log.debug("instance created", { instance: CLIENT });
    return createClient();
  });
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = theClient();
    const value = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** The database DATABASE_URL names. */
export function dbKind(): DatabaseKind {
  return databaseKind(env().DATABASE_URL);
}

/**
 * Prisma's `contains`, ignoring the case of ASCII letters on both databases: SQLite's LIKE does so
 * by itself, PostgreSQL's needs ILIKE (Prisma's `mode: "insensitive"`, which SQLite's client lacks).
 */
export function containsIgnoringCase(text: string): Prisma.StringFilter {
  return dbKind() === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as Prisma.StringFilter)
    : { contains: text };
}

/** Whether a write failed on a unique constraint (Prisma's P2002): someone else wrote that row first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/** Closes the client (tests and scripts). */
export async function disconnectDb(): Promise<void> {
  const client = perProcess<PrismaClient | undefined>(CLIENT, () => undefined);
  forgetPerProcess(CLIENT);
  await client?.$disconnect();
}
