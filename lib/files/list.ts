// GET /api/files: one folder's folders and live files (or a name search across all folders),
// sorted, folders first, with keyset pagination over (sort key, id): pages stay fast at any
// depth and every row comes exactly once, also while files are added.
import { listFilesQuery, type ListFilesQuery } from "../schemas/files";
import { containsIgnoringCase, db, type Prisma } from "../db";
import { invalid } from "../errors";
import { env } from "../env";
import { accessTo, childScope, fileScope, findFolder, folderScope, type Actor } from "./access";
import { present } from "./present";

export { listFilesQuery, type ListFilesQuery };

type Order = "asc" | "desc";
type Key = "name" | "size" | "createdAt";
type Value = string | bigint | Date;
/** Where a page starts: in the folders ("d") or the files ("f"), after (value, id). */
type Position = { phase: "d" | "f"; value: Value; id: string };
type Row = { id: string; name: string; sortName: string; size?: bigint; createdAt: Date };

/** Folders come before files, all of them on the first page up to this many (then on the next pages). */
export const FOLDERS_PER_PAGE = 1000;

// Folders have no size: sorted by size, they come by name.
const folderKey = (query: ListFilesQuery): Key => (query.sort === "createdAt" ? "createdAt" : "name");
const folderOrder = (query: ListFilesQuery): Order => (query.sort === "size" ? "asc" : query.order);

// Sorting by name reads the stored natural sort key (lib/files/sort-key.ts), so the cursor holds it too.
const columnOf = (key: Key) => (key === "name" ? "sortName" : key);
const valueOf = (row: Row, key: Key): Value =>
  key === "size" ? row.size! : key === "createdAt" ? row.createdAt : row.sortName;

function encodeCursor(phase: Position["phase"], row: Row, key: Key): string {
  const value = valueOf(row, key);
  const plain = typeof value === "bigint" ? Number(value) : value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([phase, plain, row.id])).toString("base64url");
}

/** The end of the year 9999: no stored file was created outside 1970–9999, so no cursor can hold such a date. */
const MAX_CURSOR_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function decodeCursor(cursor: string, query: ListFilesQuery): Position {
  try {
    const [phase, value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [
      unknown,
      unknown,
      unknown,
    ];
    const key = phase === "d" ? folderKey(query) : query.sort;
    if ((phase === "d" || phase === "f") && typeof id === "string") {
      // Out-of-range values (1e30 bytes, the year 275760) would reach the database and fail there.
      if (key === "size" && Number.isSafeInteger(value) && (value as number) >= 0)
        return { phase, value: BigInt(value as number), id };
      const time = typeof value === "string" ? Date.parse(value) : NaN;
      if (key === "createdAt" && time >= 0 && time <= MAX_CURSOR_TIME) return { phase, value: new Date(time), id };
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
  const column = columnOf(key);
  return {
    AND: [
      { [column]: { [from]: start.value } },
      { OR: [{ [column]: { [past]: start.value } }, { id: { [past]: start.id } }] },
    ],
  };
}

// LIKE (Prisma's `contains`) reads % and _ as wildcards (and, on PostgreSQL, \ as an escape), and
// ignores case for ASCII letters only (SQLite's LIKE; PostgreSQL's ILIKE on the "C"-collated names).
// So the database gets the longest part of the search it matches rightly on both (ASCII and caseless
// characters but those three: "pfel" of "Äpfel", all of "日本"), and when that is not the whole
// search, what it returns is checked again here, reading on until the page is full.
const LIKE_SPECIAL = new Set(["%", "_", "\\"]);
const SCAN_BATCH = 200;

interface Search {
  /** What the database's LIKE looks for ("" = every name). */
  like: string;
  /** The lower-cased search to check each row against, or null when LIKE alone is right. */
  recheck: string | null;
}

function searchFor(q: string): Search {
  const fits = (c: string) => !LIKE_SPECIAL.has(c) && (c <= "\x7f" || c.toLowerCase() === c.toUpperCase());
  let best = "";
  let run = "";
  for (const c of q) {
    run = fits(c) ? run + c : "";
    if (run.length > best.length) best = run;
  }
  return { like: best, recheck: best === q ? null : q.toLowerCase() };
}

async function readPage<R extends Row>(
  fetch: (where: object, take: number) => Promise<R[]>,
  key: Key,
  order: Order,
  search: Search | null,
  start: { value: Value; id: string } | null,
  wanted: number,
): Promise<R[]> {
  const needle = search?.recheck;
  if (!needle) return fetch(after(key, order, start), wanted);
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

/** macOS Finder's side files (`._name`, `.DS_Store`), which WebDAV clients store beside real ones. */
export const MACOS_SIDE_FILES: Prisma.FileWhereInput = {
  OR: [{ name: { startsWith: "._" } }, { name: ".DS_Store" }],
};

export async function listFiles(actor: Actor, query: ListFilesQuery) {
  const folderId = query.folderId ?? null;
  const folder = folderId ? await findFolder(actor, folderId) : null;
  const search = query.q ? searchFor(query.q) : null;
  const nameMatch = search?.like ? { name: containsIgnoringCase(search.like) } : {};
  const hidden = env().WEBDAV_MACOS_FILES === "hide" ? [{ NOT: MACOS_SIDE_FILES }] : [];
  // A search looks through everything the actor may see (their own files and what is shared with
  // them); a folder's listing reads that folder's owner's rows (childScope: one index range).
  const children = childScope(actor, folder);
  const fileWhere: Prisma.FileWhereInput = {
    AND: [search ? fileScope(actor) : children.files, search ? nameMatch : { folderId }, ...hidden],
  };
  const folderWhere: Prisma.FolderWhereInput = {
    AND: [search ? folderScope(actor) : children.folders, search ? nameMatch : { parentId: folderId }],
  };

  let start: Position | null = query.cursor ? decodeCursor(query.cursor, query) : null;
  let folders: Awaited<ReturnType<typeof db.folder.findMany>> = [];
  let nextCursor: string | null = null;
  if (!start || start.phase === "d") {
    const key = folderKey(query);
    const order = folderOrder(query);
    const rows = await readPage(
      (where, take) =>
        db.folder.findMany({
          where: { AND: [folderWhere, where] },
          orderBy: [{ [columnOf(key)]: order }, { id: order }],
          take,
        }),
      key,
      order,
      search,
      start,
      FOLDERS_PER_PAGE + 1,
    );
    folders = rows.slice(0, FOLDERS_PER_PAGE);
    if (rows.length > FOLDERS_PER_PAGE) nextCursor = encodeCursor("d", folders.at(-1)!, key);
    start = null; // the files start from their beginning
  }
  let files: Awaited<ReturnType<typeof db.file.findMany>> = [];
  if (!nextCursor) {
    const { sort, order } = query;
    const rows = await readPage(
      (where, take) =>
        db.file.findMany({
          where: { AND: [fileWhere, where] },
          orderBy: [{ [columnOf(sort)]: order }, { id: order }],
          take,
        }),
      sort,
      order,
      search,
      start,
      query.limit + 1,
    );
    files = rows.slice(0, query.limit);
    if (rows.length > query.limit) nextCursor = encodeCursor("f", files.at(-1)!, sort);
  }
  return {
    ...(await present(actor, files, folders, { withPaths: !!search })),
    nextCursor,
    // What the caller may do here: "owner", or the role a grant gives them (the UI hides what it refuses).
    access: accessTo(actor, folder),
  };
}
