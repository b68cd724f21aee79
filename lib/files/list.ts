// GET /api/files: one folder's folders and live files (or a name search across all folders),
// sorted, folders first, with keyset pagination over (sort key, id): pages stay fast at any
// depth and every row comes exactly once, also while files are added.
import { listFilesQuery, type ListFilesQuery } from "../schemas/files";
import { db, type Prisma } from "../db";
import { invalid } from "../errors";
import { fileScope, findFolder, folderScope, type Actor } from "./access";
import { present } from "./present";

export { listFilesQuery, type ListFilesQuery };

type Order = "asc" | "desc";
type Key = "name" | "size" | "createdAt";
type Value = string | bigint | Date;
/** Where a page starts: in the folders ("d") or the files ("f"), after (value, id). */
type Position = { phase: "d" | "f"; value: Value; id: string };
type Row = { id: string; name: string; size?: bigint; createdAt: Date };

/** Folders come before files, all of them on the first page up to this many (then on the next pages). */
export const FOLDERS_PER_PAGE = 1000;

// Folders have no size: sorted by size, they come by name.
const folderKey = (query: ListFilesQuery): Key => (query.sort === "createdAt" ? "createdAt" : "name");
const folderOrder = (query: ListFilesQuery): Order => (query.sort === "size" ? "asc" : query.order);

const valueOf = (row: Row, key: Key): Value => (key === "size" ? row.size! : key === "createdAt" ? row.createdAt : row.name);

function encodeCursor(phase: Position["phase"], row: Row, key: Key): string {
  const value = valueOf(row, key);
  const plain = typeof value === "bigint" ? Number(value) : value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([phase, plain, row.id])).toString("base64url");
}

function decodeCursor(cursor: string, query: ListFilesQuery): Position {
  try {
    const [phase, value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown, unknown];
    const key = phase === "d" ? folderKey(query) : query.sort;
    if ((phase === "d" || phase === "f") && typeof id === "string") {
      if (key === "size" && typeof value === "number") return { phase, value: BigInt(value), id };
      if (key === "createdAt" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return { phase, value: new Date(value), id };
      if (key === "name" && typeof value === "string") return { phase, value, id };
    }
  } catch {
    // fall through to the error below
  }
  throw invalid("cursor is not valid for this listing. Start again without it.");
}

/**
 * Rows after (value, id) in this order. Written as `key >= v AND (key > v OR id > i)` rather than
 * `key > v OR (key = v AND id > i)`, so the database can start the index range at v instead of
 * reading every earlier row (this is what keeps deep pages as fast as the first).
 */
function after(key: Key, order: Order, start: { value: Value; id: string } | null) {
  if (!start) return {};
  const [from, past] = order === "asc" ? (["gte", "gt"] as const) : (["lte", "lt"] as const);
  return { AND: [{ [key]: { [from]: start.value } }, { OR: [{ [key]: { [past]: start.value } }, { id: { [past]: start.id } }] }] };
}

// SQLite's LIKE (Prisma's `contains`) reads % and _ as wildcards and cannot be told otherwise,
// so a search containing them is checked again here, reading on until the page is full.
const WILDCARD = /[%_]/;
const SCAN_BATCH = 200;

async function readPage<R extends Row>(
  fetch: (where: object, take: number) => Promise<R[]>,
  key: Key,
  order: Order,
  q: string | undefined,
  start: { value: Value; id: string } | null,
  wanted: number,
): Promise<R[]> {
  const needle = q?.toLowerCase();
  if (!needle || !WILDCARD.test(needle)) return fetch(after(key, order, start), wanted);
  const rows: R[] = [];
  let from = start;
  while (rows.length < wanted) {
    const batch = await fetch(after(key, order, from), SCAN_BATCH);
    rows.push(...batch.filter((row) => row.name.toLowerCase().includes(needle)));
    const last = batch.at(-1);
    if (!last || batch.length < SCAN_BATCH) break;
    from = { value: valueOf(last, key), id: last.id };
  }
  return rows.slice(0, wanted);
}

export async function listFiles(actor: Actor, query: ListFilesQuery) {
  const folderId = query.folderId ?? null;
  if (folderId) await findFolder(actor, folderId);
  const { q } = query;
  const fileWhere: Prisma.FileWhereInput = { AND: [fileScope(actor), q ? { name: { contains: q } } : { folderId }] };
  const folderWhere: Prisma.FolderWhereInput = { AND: [folderScope(actor), q ? { name: { contains: q } } : { parentId: folderId }] };

  let start: Position | null = query.cursor ? decodeCursor(query.cursor, query) : null;
  let folders: Awaited<ReturnType<typeof db.folder.findMany>> = [];
  let nextCursor: string | null = null;
  if (!start || start.phase === "d") {
    const key = folderKey(query);
    const order = folderOrder(query);
    const rows = await readPage(
      (where, take) => db.folder.findMany({ where: { AND: [folderWhere, where] }, orderBy: [{ [key]: order }, { id: order }], take }),
      key, order, q, start, FOLDERS_PER_PAGE + 1,
    );
    folders = rows.slice(0, FOLDERS_PER_PAGE);
    if (rows.length > FOLDERS_PER_PAGE) nextCursor = encodeCursor("d", folders.at(-1)!, key);
    start = null; // the files start from their beginning
  }
  let files: Awaited<ReturnType<typeof db.file.findMany>> = [];
  if (!nextCursor) {
    const { sort, order } = query;
    const rows = await readPage(
      (where, take) => db.file.findMany({ where: { AND: [fileWhere, where] }, orderBy: [{ [sort]: order }, { id: order }], take }),
      sort, order, q, start, query.limit + 1,
    );
    files = rows.slice(0, query.limit);
    if (rows.length > query.limit) nextCursor = encodeCursor("f", files.at(-1)!, sort);
  }
  return { ...(await present(actor, files, folders, { withPaths: !!q })), nextCursor };
}
