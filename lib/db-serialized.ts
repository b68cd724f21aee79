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
// So every transaction takes the write lock first, waiting for it under the busy timeout.
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { reusePreparedStatements } from "./db-statements";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type SqlQuery = Parameters<Transaction["executeRaw"]>[0];

/** A write that changes nothing: run first, it makes the transaction a write transaction (as BEGIN IMMEDIATE would). */
const TAKE_WRITE_LOCK: SqlQuery = { sql: 'UPDATE "JobLease" SET "name" = "name" WHERE 0', args: [], argTypes: [] };
const ROLLBACK: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };

/** Takes the database's write lock for a transaction just begun; ends it when that fails. */
async function asWriteTransaction(tx: Transaction): Promise<Transaction> {
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
      if (property === "queryRaw" || property === "executeRaw" || property === "executeScript") {
        return (arg: never) => exclusive(() => (target[property] as (a: never) => Promise<unknown>)(arg));
      }
      if (property === "startTransaction") {
        return async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) => {
          const release = await mutex.acquire();
          try {
            return await asWriteTransaction(releasingOnEnd(await target.startTransaction(isolationLevel), release));
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
