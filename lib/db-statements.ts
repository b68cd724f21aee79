// Prepared-statement reuse for SQLite. @prisma/adapter-better-sqlite3 prepares every statement
// afresh (`client.prepare(sql).bind(args)`), which cost about 0.1 ms of the event loop per query,
// a fifth of a small upload's database time. Prisma's SQL text is stable per query shape, so the
// connection keeps the statements it has prepared (least recently used out first) and hands the
// adapter a view that binds arguments per call instead of once per statement object.
import type Database from "better-sqlite3";

/** Distinct statement texts kept (IN lists of varying length make new texts; old ones age out). */
const MAX_STATEMENTS = 500;

type Statement = Database.Statement<unknown[]>;

/** What the adapter uses of a statement: bound once, then run, or read in raw mode. */
function reusable(statement: Statement) {
  const bound = (args: unknown[]) => ({
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  });
  return { ...bound([]), bind: (args: unknown[]) => bound(args) };
}

/** Makes `connection.prepare` answer cached statements (the adapter is its only caller). */
export function reusePreparedStatements(connection: Database.Database): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, Statement>();
  connection.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (statement)
      cache.delete(sql); // re-inserted below: the Map's order is the recency order
    else {
      statement = prepare(sql) as Statement;
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return reusable(statement);
  }) as unknown as Database.Database["prepare"];
}
