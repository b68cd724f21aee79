// A burst of concurrent upload creations in one process (issue 18, item 13). Beyond the database's
// connections (PostgreSQL's pool, SQLite's one connection taken in turns) creates queue and succeed;
// one whose transaction cannot start within DATABASE_WAIT_SECONDS is refused with 503 and
// Retry-After (it used to be a 500: Prisma's P2028 after its default 2 s), leaving nothing behind.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { newUser } from "@/test/api";
import { db, dbKind, disconnectDb } from "../db";
import { postgresConfig, sqliteFile } from "../db-url";
import { env, resetEnvCache } from "../env";
import { toErrorResponse } from "../http/respond";
import { userActor } from "@/lib/files/access";
import { createUpload } from "./create";

const BURST = 200;
const SIZE = 1000;

function burst(ownerId: string) {
  return Promise.allSettled(
    Array.from({ length: BURST }, (_, i) =>
      createUpload(userActor(ownerId), {
        name: `burst-${i}.bin`,
        size: SIZE,
        type: "application/octet-stream",
        folderId: null,
      }),
    ),
  );
}

async function books(ownerId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: ownerId } });
  return { reservedBytes: Number(user.reservedBytes), files: await db.file.count({ where: { ownerId } }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Another process's transaction holding `ownerId`'s row (SQLite: the write lock) for `ms`: the
 * burst's transactions wait for it, and those queued behind them wait to start.
 */
async function holdOwnerRow(ownerId: string, ms: number): Promise<void> {
  const url = env().DATABASE_URL;
  if (dbKind() === "sqlite") {
    const other = new Database(sqliteFile(url));
    other.exec("BEGIN IMMEDIATE");
    await sleep(ms);
    other.exec("COMMIT");
    other.close();
    return;
  }
  const other = new pg.Client({ connectionString: postgresConfig(url).connectionString });
  await other.connect();
  await other.query("BEGIN");
  await other.query('SELECT 1 FROM "User" WHERE "id" = $1 FOR UPDATE', [ownerId]);
  await sleep(ms);
  await other.query("COMMIT");
  await other.end();
}

afterEach(async () => {
  delete process.env.DATABASE_WAIT_SECONDS;
  resetEnvCache();
  await disconnectDb(); // the next client reads the setting again
});

describe(`a burst of ${BURST} concurrent upload creations`, () => {
  it("queues beyond the database's connections: every create succeeds", async () => {
    const user = await newUser({ quotaBytes: null });
    const outcomes = await burst(user.id);
    expect(outcomes.flatMap((o) => (o.status === "rejected" ? [String(o.reason)] : []))).toEqual([]);
    expect(await books(user.id)).toEqual({ reservedBytes: BURST * SIZE, files: BURST });
  }, 120_000);

  it("refuses those that cannot start in time with 503 and Retry-After, never a 500, and books none of them", async () => {
    const user = await newUser({ quotaBytes: null });
    process.env.DATABASE_WAIT_SECONDS = "0.05";
    resetEnvCache();
    await disconnectDb();
    const holder = holdOwnerRow(user.id, 500);
    const outcomes = await burst(user.id);
    await holder;
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(refused.length).toBeGreaterThan(0);
    const replies = refused.map((error) => toErrorResponse(error));
    expect([...new Set(replies.map((reply) => reply.status))]).toEqual([503]);
    expect(replies[0]!.headers.get("retry-after")).toBe("2");
    expect(((await replies[0]!.json()) as { error: { code: string } }).error.code).toBe("server_busy");
    const created = BURST - refused.length;
    expect(await books(user.id)).toEqual({ reservedBytes: created * SIZE, files: created });
  }, 120_000);
});
