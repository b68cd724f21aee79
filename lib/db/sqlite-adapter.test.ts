// The SQLite driver adapter on its own (a scratch file and table), then through Prisma (the test
// database). The lost-write reproduction it exists for is in lib/db.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, dbKind } from "../db";
import { SqliteAdapterFactory } from "./sqlite-adapter";
import { StatementCache } from "./sqlite-connection";

const sql = (text: string, ...args: number[]): SqlQuery => ({
  sql: text,
  args,
  argTypes: args.map(() => ({ scalarType: "int", arity: "scalar" })),
});
const INSERT = (n: number) => sql('INSERT INTO "t" ("n") VALUES (?)', n);
const COUNT = sql('SELECT COUNT(*) AS "c" FROM "t"');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let file: string;
let other: Database.Database; // another process's connection, as far as SQLite can tell
let adapter: SqlDriverAdapter;

async function connect(options?: ConstructorParameters<typeof SqliteAdapterFactory>[1]) {
  adapter = await new SqliteAdapterFactory(file, options).connect();
}

/** Holds the write lock from another connection for `ms`, with one row written meanwhile. */
async function holdWriteLock(ms: number): Promise<void> {
  other.exec('BEGIN IMMEDIATE; INSERT INTO "t" ("n") VALUES (-1)');
  await sleep(ms);
  other.exec("COMMIT");
}

/** Measures the longest pause between ticks of a 5 ms timer while `run` runs. */
async function longestTimerGap(run: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    longest = Math.max(longest, performance.now() - last);
    last = performance.now();
  }, 5);
  try {
    await run();
  } finally {
    clearInterval(ticker);
  }
  return Math.max(longest, performance.now() - last);
}

beforeEach(async () => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stowage-adapter-")), "t.db");
  other = new Database(file, { timeout: 0 });
  other.pragma("journal_mode = WAL");
  other.exec('CREATE TABLE "t" ("n" INTEGER NOT NULL)');
  await connect();
});

afterEach(async () => {
  await adapter.dispose();
  other.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

describe("the SQLite adapter", () => {
  it("waits for another connection's write lock without blocking the event loop, then writes", async () => {
    const holder = holdWriteLock(300);
    let waited = 0;
    const gap = await longestTimerGap(async () => {
      const started = performance.now();
      expect(await adapter.executeRaw(INSERT(1))).toBe(1);
      waited = performance.now() - started;
    });
    await holder;
    expect(waited).toBeGreaterThan(250);
    expect(gap).toBeLessThan(100);
    expect((await adapter.queryRaw(COUNT)).rows).toEqual([[2]]);
  });

  it("begins a transaction once the other connection's lock is free, and holds the write lock from the start", async () => {
    const holder = holdWriteLock(300);
    const tx = await adapter.startTransaction();
    await holder; // it began after the other committed
    expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(/locked/); // before it wrote anything
    await tx.executeRaw(INSERT(1));
    await tx.commit();
    expect(other.prepare('SELECT COUNT(*) AS "c" FROM "t"').get()).toEqual({ c: 2 });
  });

  it("gives up after its busy wait with Prisma's timeout error", async () => {
    await adapter.dispose();
    await connect({ busyWaitMs: 100 });
    const holder = holdWriteLock(400);
    await expect(adapter.executeRaw(INSERT(1))).rejects.toMatchObject({ cause: { kind: "SocketTimeout" } });
    await holder;
  });

  it("rolls back: a rolled-back transaction's rows are gone, and the connection is free again", async () => {
    const tx = await adapter.startTransaction();
    await tx.executeRaw(INSERT(1));
    expect((await tx.queryRaw(COUNT)).rows).toEqual([[1]]);
    await tx.rollback();
    expect((await adapter.queryRaw(COUNT)).rows).toEqual([[0]]);
    await expect(tx.executeRaw(INSERT(2))).rejects.toMatchObject({ cause: { kind: "TransactionAlreadyClosed" } });
  });

  it("makes a statement outside the transaction wait until the transaction ends", async () => {
    const tx = await adapter.startTransaction();
    await tx.executeRaw(INSERT(1));
    let outsideDone = false;
    const outside = adapter.executeRaw(INSERT(2)).then(() => (outsideDone = true));
    await sleep(50);
    expect(outsideDone).toBe(false);
    await tx.rollback();
    await outside;
    expect((await adapter.queryRaw(sql('SELECT "n" FROM "t"'))).rows).toEqual([[2]]);
  });

  it("prepares a statement once and reuses it, keeping the most recently used ones", async () => {
    await adapter.dispose();
    const prepare = vi.spyOn(Database.prototype, "prepare");
    try {
      await connect();
      for (let i = 0; i < 50; i++) await adapter.executeRaw(INSERT(i));
      for (let i = 0; i < 50; i++) await adapter.queryRaw(COUNT);
      expect(prepare.mock.calls.map(([text]) => text)).toEqual([INSERT(0).sql, COUNT.sql]);
    } finally {
      prepare.mockRestore();
    }
    const cache = new StatementCache(other, 2);
    const a = cache.get("SELECT 1");
    cache.get("SELECT 2");
    expect(cache.get("SELECT 1")).toBe(a); // now the most recent
    cache.get("SELECT 3"); // evicts SELECT 2
    expect(cache.get("SELECT 1")).toBe(a);
    expect(cache.get("SELECT 2")).not.toBe(a);
  });
});

describe.runIf(dbKind() === "sqlite")("Prisma through the SQLite adapter", () => {
  it("rolls back a failed interactive transaction: no rows are left", async () => {
    const email = "rolled-back@example.com";
    const failed = db.$transaction(async (tx) => {
      await tx.user.create({ data: { email } });
      await tx.$executeRaw`UPDATE "User" SET "name" = 'x' WHERE "email" = ${email}`;
      throw new Error("fails after writing");
    });
    await expect(failed).rejects.toThrow("fails after writing");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a nested transaction with a clear error, and the outer one rolls back", async () => {
    const email = "nested@example.com";
    const nested = db.$transaction(async (tx) => {
      await tx.user.create({ data: { email } });
      await tx.$transaction(async (inner) => inner.user.count());
    });
    await expect(nested).rejects.toThrow(/Nested transactions are not supported on SQLite/);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("reports a unique violation as P2002 and converts values both ways", async () => {
    const user = await db.user.create({ data: { email: "types@example.com", reservedBytes: 2n ** 53n + 1n } });
    await expect(db.user.create({ data: { email: "types@example.com" } })).rejects.toMatchObject({ code: "P2002" });
    const read = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(read.reservedBytes).toBe(2n ** 53n + 1n);
    expect(read.createdAt).toBeInstanceOf(Date);
    expect(read.createdAt.getTime()).toBe(user.createdAt.getTime());
  });
});
