// SQLite through @prisma/adapter-better-sqlite3 has one connection. The adapter serialises
// transactions with each other, but a query made outside a transaction runs on that same
// connection even while another request's transaction is open, and is undone if that
// transaction rolls back, although it reported success. The quota books rely on such
// single-statement updates, so every statement outside a transaction waits for any open
// transaction to finish, and a transaction waits for them.
import type { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

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
            return releasingOnEnd(await target.startTransaction(isolationLevel), release);
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

/** The factory Prisma is given: the same adapter, with statements and transactions taking turns. */
export function serializedFactory(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect") return async () => serializedAdapter(await target.connect());
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
