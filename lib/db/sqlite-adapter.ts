// Prisma's SQLite driver adapter for Stowage: Prisma's public driver-adapter interface
// (@prisma/driver-adapter-utils) over one better-sqlite3 connection per process.
//
// - Turns. Statements and transactions share the connection one at a time: a statement made outside
//   a transaction waits until an open transaction ends. (Run inside it, it would be undone by that
//   transaction's rollback although it had reported success: lib/db.test.ts shows that lost write.)
// - Transactions begin with BEGIN IMMEDIATE: they hold the write lock from the start, so one that
//   reads and then writes never fails to upgrade its lock when another process wrote meanwhile.
//   commit() and rollback() run COMMIT and ROLLBACK themselves.
// - Other processes (`npm start` runs one per core) share the file. The connection has no busy
//   timeout (SQLite's would sleep inside the call, on the event loop); a statement refused with
//   SQLITE_BUSY ran nothing and is tried again after a short, growing, jittered pause, up to 10 s.
// - Prepared statements are kept by SQL text (Prisma's text is stable per query shape), least
//   recently used out first: preparing costs about 0.1 ms of the event loop per query.
// - Nested transactions (savepoints) are refused: nothing here nests, and on one connection taken in
//   turns a nested `db.$transaction` would wait for its own outer transaction.
import Database from "better-sqlite3";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import { driverError } from "./sqlite-convert";
import { Connection } from "./sqlite-connection";

export const ADAPTER_NAME = "stowage-sqlite";

export interface SqliteAdapterOptions {
  /** How long a statement waits for another connection's lock before failing (default 10 s). */
  busyWaitMs?: number;
  /** Distinct statements kept prepared (default 500; IN lists of varying length make new texts). */
  statementCacheSize?: number;
}

const NESTED_REFUSED =
  "Nested transactions are not supported on SQLite here: run the inner queries on the outer transaction's client.";

class SqliteTransaction implements Transaction {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  /** Prisma sends no COMMIT or ROLLBACK of its own: commit() and rollback() run them. */
  readonly options = { usePhantomQuery: true };
  #endTurn: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    endTurn: () => void,
  ) {
    this.#endTurn = endTurn;
  }

  #open(): Connection {
    if (!this.#endTurn) {
      throw new DriverAdapterError({ kind: "TransactionAlreadyClosed", cause: "The transaction has ended." });
    }
    return this.connection;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#open().query(query);
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return this.#open().execute(query);
  }

  async commit(): Promise<void> {
    const { db } = this.#open();
    const endTurn = this.#endTurn!;
    this.#endTurn = undefined;
    try {
      await this.connection.whileBusy(() => db.exec("COMMIT"));
    } catch (error) {
      // E.g. a deferred constraint: SQLite keeps the transaction open; nothing of it may stay.
      if (db.inTransaction) {
        try {
          db.exec("ROLLBACK");
        } catch {
          // the commit's error is the one to report
        }
      }
      throw error;
    } finally {
      endTurn();
    }
  }

  async rollback(): Promise<void> {
    const endTurn = this.#endTurn;
    if (!endTurn) return; // already ended (a failed commit rolled back)
    this.#endTurn = undefined;
    try {
      if (this.connection.db.inTransaction) this.connection.db.exec("ROLLBACK");
    } catch (error) {
      throw driverError(error);
    } finally {
      endTurn();
    }
  }

  createSavepoint(): Promise<void> {
    return Promise.reject(new Error(NESTED_REFUSED));
  }
}

class SqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  constructor(private readonly connection: Connection) {}

  async #inTurn<T>(run: () => Promise<T>): Promise<T> {
    const endTurn = await this.connection.take();
    try {
      return await run();
    } finally {
      endTurn();
    }
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#inTurn(() => this.connection.query(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#inTurn(() => this.connection.execute(query));
  }

  /** Never retried: a script refused part-way may have run some of its statements. */
  executeScript(script: string): Promise<void> {
    return this.#inTurn(async () => {
      try {
        this.connection.db.exec(script);
      } catch (error) {
        throw driverError(error);
      }
    });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    }
    const endTurn = await this.connection.take();
    try {
      await this.connection.whileBusy(() => this.connection.db.exec("BEGIN IMMEDIATE"));
    } catch (error) {
      endTurn();
      throw error;
    }
    return new SqliteTransaction(this.connection, endTurn);
  }

  async dispose(): Promise<void> {
    this.connection.db.close();
  }
}

/** What PrismaClient is given: `connect` opens the process's connection to `file`. */
export class SqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName = ADAPTER_NAME;
  constructor(
    private readonly file: string,
    private readonly options: SqliteAdapterOptions = {},
  ) {}

  async connect(): Promise<SqlDriverAdapter> {
    const db = new Database(this.file, { timeout: 0 }); // no busy timeout: the adapter waits, asynchronously
    db.defaultSafeIntegers(true);
    const { busyWaitMs = 10_000, statementCacheSize = 500 } = this.options;
    return new SqliteAdapter(new Connection(db, busyWaitMs, statementCacheSize));
  }
}
