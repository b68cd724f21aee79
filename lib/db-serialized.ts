// SQLite through @prisma/adapter-better-sqlite3 has one connection. The adapter serialises
// transactions with each other, but a query made outside a transaction runs on that same
// connection even while another request's transaction is open, and is undone if that
// transaction rolls back, although it reported success. The quota books rely on such
// single-statement updates, so every statement outside a transaction waits for any open
// transaction to finish, and a transaction waits for them.
//
// Several processes share the file too (`npm start` runs one per core). The adapter opens
// transactions with a deferred BEGIN: one that reads and then writes must upgrade its lock, and
// SQLite refuses that at once (SQLITE_BUSY, no busy timeout) when another process wrote meanwhile.
// So every transaction takes the write lock first.
//
// Waiting for another process's lock happens here, asynchronously: SQLite's own busy timeout
// sleeps inside the call, and better-sqlite3 calls it on the event loop, so a process waiting up to
// 100 ms at a time for the other's lock served no request meanwhile. The connection has no busy
// timeout; a statement or transaction refused with SQLITE_BUSY (which ran nothing) is tried again
// after a short, growing, jittered pause, for up to BUSY_WAIT_MS.
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { reusePreparedStatements } from "./db-statements";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type SqlQuery = Parameters<Transaction["executeRaw"]>[0];

/** A write that changes nothing: run first, it makes the transaction a write transaction (as BEGIN IMMEDIATE would). */
const TAKE_WRITE_LOCK: SqlQuery = { sql: 'UPDATE "JobLease" SET "name" = "name" WHERE 0', args: [], argTypes: [] };
const ROLLBACK: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };

/** How long a statement or transaction waits for another process's write lock before failing. */
export const BUSY_WAIT_MS = 10_000;

/** SQLITE_BUSY, as the adapter reports it (its only use of this kind on SQLite). */
function isBusy(error: unknown): boolean {
  return (error as { cause?: { kind?: string } } | null)?.cause?.kind === "SocketTimeout";
}

/** Runs `attempt` until it is not refused as busy, pausing 0.5–1.5, 1–3, 2–6 … up to 16–48 ms in between. */
async function whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      const pause = Math.min(2 ** tries, 32) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Begins a transaction holding the database's write lock; ends it again when the lock is refused. */
async function beginWriting(adapter: Adapter, isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) {
  const tx = await adapter.startTransaction(isolationLevel);
  try {
    await tx.executeRaw(TAKE_WRITE_LOCK);
    return tx;
  } catch (error) {
    await tx.executeRaw(ROLLBACK).catch(() => undefined);
    await tx.rollback();
    throw error;
  }
}

/** A promise-chain mutex: `acquire` resolves to a release function, in call order. */
function createMutex() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const ready = tail.then(() => release);
      tail = tail.then(() => held);
      return ready;
    },
  };
}

function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "commit" || property === "rollback") {
        return async () => {
          try {
            await target[property]();
          } finally {
            releaseOnce();
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function serializedAdapter(adapter: Adapter): Adapter {
  const mutex = createMutex();
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await mutex.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        return (arg: never) =>
          exclusive(() => whileBusy(() => (target[property] as (a: never) => Promise<unknown>)(arg)));
      }
      // A script may have run part of its statements when it is refused: never tried again.
      if (property === "executeScript") {
        return (script: string) => exclusive(() => target.executeScript(script));
      }
      if (property === "startTransaction") {
        return async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) => {
          const release = await mutex.acquire();
          try {
            return releasingOnEnd(await whileBusy(() => beginWriting(target, isolationLevel)), release);
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The factory Prisma is given: the same adapter, with statements and transactions taking turns, and statements reused. */
export function serializedFactory(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect")
        return async () => {
          const adapter = await target.connect();
          reusePreparedStatements((adapter as unknown as { client: Database.Database }).client);
          return serializedAdapter(adapter);
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
