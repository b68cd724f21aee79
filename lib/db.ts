// The one Prisma client. The driver adapter is chosen from DATABASE_URL (SQLite today).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { serializedFactory } from "./db-serialized";

export type { Prisma } from "./generated/prisma/client";

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL: only SQLite ("file:...") is supported so far, got a different scheme`);
  }
  // A busy timeout lets the sweeper script and the server share the file without SQLITE_BUSY.
  const adapter = serializedFactory(new PrismaBetterSQLite3({ url, timeout: 10_000 }));
  return new PrismaClient({ adapter });
}

// Next's dev server reloads modules; keep one client per process.
const globalForDb = globalThis as unknown as { stowageDb?: PrismaClient };

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    globalForDb.stowageDb ??= createClient();
    const value = Reflect.get(globalForDb.stowageDb, property);
    return typeof value === "function" ? value.bind(globalForDb.stowageDb) : value;
  },
});

/** Closes the client (tests and scripts). */
export async function disconnectDb(): Promise<void> {
  await globalForDb.stowageDb?.$disconnect();
  globalForDb.stowageDb = undefined;
}
