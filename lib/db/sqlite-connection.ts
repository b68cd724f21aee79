// One better-sqlite3 connection as lib/db/sqlite-adapter.ts uses it: statements prepared once and
// kept by SQL text, turns on the connection, and SQLITE_BUSY waited out without blocking the event loop.
import type Database from "better-sqlite3";
import type { SqlQuery, SqlResultSet } from "@prisma/driver-adapter-utils";
import { columnTypes, driverError, isBusy, mapArg, mapRow } from "./sqlite-convert";

/** Prepared statements by SQL text; a Map's order is its insertion order, so the first is the least recently used. */
export class StatementCache {
  readonly #statements = new Map<string, Database.Statement<unknown[]>>();
  constructor(
    private readonly connection: Database.Database,
    private readonly size: number,
  ) {}

  get(sql: string): Database.Statement<unknown[]> {
    let statement = this.#statements.get(sql);
    if (statement) this.#statements.delete(sql);
    else {
      statement = this.connection.prepare<unknown[]>(sql);
      if (statement.reader) statement.raw(true);
      if (this.#statements.size >= this.size) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, statement);
    return statement;
  }
}

/** A queue of turns: `take` resolves, in call order, to the function that ends that turn. */
function turns(): () => Promise<() => void> {
  let tail = Promise.resolve();
  return () => {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const ready = tail.then(() => end);
    tail = ready.then(() => ended);
    return ready;
  };
}

/** The connection and what the adapter and its transactions share. */
export class Connection {
  readonly statements: StatementCache;
  readonly take = turns();
  constructor(
    readonly db: Database.Database,
    private readonly busyWaitMs: number,
    cacheSize: number,
  ) {
    this.statements = new StatementCache(db, cacheSize);
  }

  /** Runs `attempt` until it is not refused as busy, pausing 0.5–1.5, 1–3, 2–6 … up to 16–48 ms in between. */
  async whileBusy<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + this.busyWaitMs;
    for (let tries = 0; ; tries++) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw driverError(error);
        const pause = Math.min(2 ** tries, 32) * (0.5 + Math.random());
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  query(query: SqlQuery): Promise<SqlResultSet> {
    return this.whileBusy(() => {
      const statement = this.statements.get(query.sql);
      const args = query.args.map((arg, i) => mapArg(arg, query.argTypes[i]));
      if (!statement.reader) {
        statement.run(args);
        return { columnNames: [], columnTypes: [], rows: [] };
      }
      const columns = statement.columns();
      const rows = statement.all(args) as unknown[][];
      const types = columnTypes(
        columns.map((column) => column.type),
        rows,
      );
      return {
        columnNames: columns.map((column) => column.name),
        columnTypes: types,
        rows: rows.map((row) => mapRow(row, types)),
      };
    });
  }

  execute(query: SqlQuery): Promise<number> {
    return this.whileBusy(() => {
      const args = query.args.map((arg, i) => mapArg(arg, query.argTypes[i]));
      return this.statements.get(query.sql).run(args).changes;
    });
  }
}
