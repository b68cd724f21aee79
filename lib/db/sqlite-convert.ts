// Values between Prisma's query engine and better-sqlite3, for lib/db/sqlite-adapter.ts: arguments in
// (Prisma's argument types → what SQLite stores), rows out (declared column types → Prisma's column
// types), and SQLite's errors as the driver-adapter errors Prisma turns into its codes (P2002 …).
// The rules are those of @prisma/adapter-better-sqlite3 7.10, which the stored data was written by.
import Database from "better-sqlite3";
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type ArgType,
  type ColumnType,
  type MappedError,
} from "@prisma/driver-adapter-utils";

const DECLARED: Record<string, ColumnType> = {
  DECIMAL: ColumnTypeEnum.Numeric,
  FLOAT: ColumnTypeEnum.Float,
  ...Object.fromEntries(["DOUBLE", "DOUBLE PRECISION", "NUMERIC", "REAL"].map((t) => [t, ColumnTypeEnum.Double])),
  ...Object.fromEntries(
    ["TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "SERIAL", "INT2"].map((t) => [t, ColumnTypeEnum.Int32]),
  ),
  ...Object.fromEntries(["BIGINT", "UNSIGNED BIG INT", "INT8"].map((t) => [t, ColumnTypeEnum.Int64])),
  DATETIME: ColumnTypeEnum.DateTime,
  TIMESTAMP: ColumnTypeEnum.DateTime,
  TIME: ColumnTypeEnum.Time,
  DATE: ColumnTypeEnum.Date,
  ...Object.fromEntries(
    ["TEXT", "CLOB", "CHARACTER", "VARCHAR", "VARYING CHARACTER", "NCHAR", "NATIVE CHARACTER", "NVARCHAR"].map((t) => [
      t,
      ColumnTypeEnum.Text,
    ]),
  ),
  BLOB: ColumnTypeEnum.Bytes,
  BOOLEAN: ColumnTypeEnum.Boolean,
  JSONB: ColumnTypeEnum.Json,
};

function inferred(value: unknown): ColumnType {
  if (typeof value === "string") return ColumnTypeEnum.Text;
  if (typeof value === "bigint") return ColumnTypeEnum.Int64;
  if (typeof value === "boolean") return ColumnTypeEnum.Boolean;
  if (typeof value === "number") return ColumnTypeEnum.UnknownNumber;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return ColumnTypeEnum.Bytes;
  throw new Error(`unexpected value of type ${typeof value} in a SQLite result`);
}

/**
 * Each column's type: its declared type, else (an expression such as COUNT(*)) that of the first
 * non-null value in the column, else Int32.
 */
export function columnTypes(declared: (string | null)[], rows: unknown[][]): ColumnType[] {
  return declared.map((decl, i) => {
    const known = decl ? DECLARED[decl.toUpperCase()] : undefined;
    if (known !== undefined) return known;
    const sample = rows.find((row) => row[i] !== null)?.[i];
    return sample === undefined ? ColumnTypeEnum.Int32 : inferred(sample);
  });
}

/** A row as Prisma reads it: integers as numbers when safe (else text), numeric timestamps as ISO text. */
export function mapRow(row: unknown[], types: ColumnType[]): unknown[] {
  return row.map((value, i) => {
    const type = types[i];
    const integer = type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64;
    if (typeof value === "number" && integer && !Number.isInteger(value)) return Math.trunc(value);
    if ((typeof value === "number" || typeof value === "bigint") && type === ColumnTypeEnum.DateTime) {
      return new Date(Number(value)).toISOString();
    }
    if (typeof value === "bigint") {
      const asNumber = Number(value);
      return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
    }
    return value;
  });
}

/** An argument as SQLite stores it (timestamps as RFC 3339 text with milliseconds, booleans as 0/1). */
export function mapArg(arg: unknown, type: ArgType | undefined): unknown {
  if (arg === null) return null;
  const scalar = type?.scalarType;
  if (typeof arg === "string") {
    if (scalar === "int") return Number.parseInt(arg);
    if (scalar === "float" || scalar === "decimal") return Number.parseFloat(arg);
    if (scalar === "bigint") return BigInt(arg);
    if (scalar === "bytes") return Buffer.from(arg, "base64");
    if (scalar === "datetime") arg = new Date(arg);
  }
  if (typeof arg === "boolean") return arg ? 1 : 0;
  if (arg instanceof Date) return arg.toISOString().replace("Z", "+00:00");
  return arg;
}

/** SQLITE_BUSY and its extended codes: another connection holds the lock; the statement ran nothing. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** "UNIQUE constraint failed: File.ownerId, File.name" → ["ownerId", "name"]; an index's name otherwise. */
function constraintOf(message: string): { fields: string[] } | { index: string } | undefined {
  const detail = message.split("constraint failed: ")[1];
  if (!detail) return undefined;
  const index = /^index '(.+)'$/.exec(detail);
  if (index) return { index: index[1]! };
  return { fields: detail.split(", ").map((column) => column.split(".").pop()!) };
}

function mapped(code: string, message: string): MappedError {
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    const table = /constraint failed: ([^.,\s]+)\./.exec(message)?.[1];
    return { kind: "UniqueConstraintViolation", constraint: constraintOf(message), table };
  }
  if (code === "SQLITE_CONSTRAINT_NOTNULL")
    return { kind: "NullConstraintViolation", constraint: constraintOf(message) };
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "SQLITE_CONSTRAINT_TRIGGER") {
    return { kind: "ForeignKeyConstraintViolation", constraint: { foreignKey: {} } };
  }
  // Still locked when the adapter stopped waiting: Prisma reports it as a timeout (P1008).
  if (code.startsWith("SQLITE_BUSY")) return { kind: "SocketTimeout" };
  if (message.startsWith("no such table")) return { kind: "TableDoesNotExist", table: message.split(": ")[1] };
  if (message.startsWith("no such column")) return { kind: "ColumnNotFound", column: message.split(": ")[1] };
  return { kind: "sqlite", extendedCode: 1, message };
}

/** better-sqlite3's SqliteError as the error Prisma maps to its codes; anything else as it is. */
export function driverError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { code, message } = error;
  return new DriverAdapterError({ ...mapped(code, message), originalCode: code, originalMessage: message });
}
