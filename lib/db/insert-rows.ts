// Many rows of one table in one raw INSERT (issue 24: a batch of uploads). Prisma 7 compiles the plan
// of every `createMany` / `createManyAndReturn` anew in its Wasm query compiler (prisma/orm#29382:
// those plans are never cached), which cost ≈ 1.2 ms of server CPU per dropped file; a raw statement
// is passed through as it is. The caller gives every column Prisma would have filled in itself (ids,
// `@default(now())`, `@updatedAt`): this module makes the ids, and File and Folder rows get their
// sort key from their name here, as every Prisma write of a name does (lib/db/sort-names.ts).
import { randomBytes } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import { nameSortKey } from "../files/sort-key";

export type RowValue = string | number | bigint | boolean | Date | null;

/**
 * Bound parameters per statement at most: SQLite's limit (32,766 since 3.32, better-sqlite3's
 * build); PostgreSQL takes up to 65,535. A batch of 500 files of 12 columns is 6,000.
 */
export const MAX_PARAMETERS = 32_766;

const NAMED_TABLES = new Set(["File", "Folder"]);

let counter = 0;

/**
 * A new row id shaped like Prisma's `cuid()` (25 characters, "c", the time in base 36 first, so
 * ids made later sort later as Prisma's do), from 72 random bits: unguessable and unique without
 * coordination between processes.
 */
export function newRowId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const random = BigInt(`0x${randomBytes(9).toString("hex")}`)
    .toString(36)
    .padStart(14, "0")
    .slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}

const quoted = (identifier: string) => {
  // Table and column names come from this codebase, never from a request: refuse anything else.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) throw new Error(`not an identifier: ${identifier}`);
  return `"${identifier}"`;
};

/**
 * Inserts `rows` (objects with the same keys) into `table` in as few statements as the parameter
 * limit allows (`maxParameters`: tests pass a small one), in the caller's transaction. Returns how
 * many rows were inserted.
 */
export async function insertRows(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  table: string,
  rows: Record<string, RowValue>[],
  maxParameters = MAX_PARAMETERS,
): Promise<number> {
  if (rows.length === 0) return 0;
  const named = NAMED_TABLES.has(table);
  const columns = Object.keys(rows[0]!).filter((c) => !(named && c === "sortName"));
  if (named && columns.includes("name")) columns.push("sortName");
  const head = Prisma.raw(`INSERT INTO ${quoted(table)} (${columns.map(quoted).join(", ")}) VALUES `);
  const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
  let inserted = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows.slice(start, start + perStatement).map((row) => {
      const cells = columns.map((c) => {
        const value = c === "sortName" && named ? nameSortKey(String(row.name)) : row[c];
        if (value === undefined) throw new Error(`insertRows: ${table}.${c} missing in a row`);
        return value;
      });
      return Prisma.sql`(${Prisma.join(cells)})`;
    });
    inserted += await tx.$executeRaw`${head}${Prisma.join(values)}`;
  }
  return inserted;
}
