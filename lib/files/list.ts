// GET /api/files: one folder's live files (or a name search across all folders), sorted,
// with keyset pagination so pages stay fast and stable while files are added.
import { listFilesQuery, type ListFilesQuery } from "../schemas/files";
import { db } from "../db";
import { invalid } from "../errors";
import { fileScope, findFolder, folderScope, userActor } from "./access";
import type { Prisma } from "../generated/prisma/client";
import { toFileJson, toFolderJson } from "./json";

export { listFilesQuery, type ListFilesQuery };
type SortValue = string | number;

function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

/** The end of the year 9999: no stored file was created outside 1970–9999, so no cursor can hold such a date. */
const MAX_CURSOR_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function decodeCursor(cursor: string, sort: ListFilesQuery["sort"]): { value: string | bigint | Date; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [SortValue, string];
    if (typeof id !== "string") throw new Error();
    // Out-of-range values (1e30 bytes, the year 275760) would reach the database and fail there.
    if (sort === "size" && Number.isSafeInteger(value) && (value as number) >= 0) return { value: BigInt(value), id };
    if (sort === "createdAt" && typeof value === "string" && Date.parse(value) >= 0 && Date.parse(value) <= MAX_CURSOR_TIME) return { value: new Date(value), id };
    if (sort === "name" && typeof value === "string") return { value, id };
  } catch {
    // fall through to the error below
  }
  throw invalid("cursor is not valid for this listing. Start again without it.");
}

type FileRow = Awaited<ReturnType<typeof db.file.findMany>>[number];
type SortKey = ListFilesQuery["sort"];

function sortValue(row: FileRow, sort: SortKey): string | bigint | Date {
  return sort === "size" ? row.size : sort === "createdAt" ? row.createdAt : row.name;
}

function beyondCursor(scope: Prisma.FileWhereInput, query: ListFilesQuery, after: { value: unknown; id: string } | null): Prisma.FileWhereInput {
  if (!after) return scope;
  const { sort, order } = query;
  const beyond = order === "asc" ? "gt" : "lt";
  return { AND: [scope, { OR: [{ [sort]: { [beyond]: after.value } }, { [sort]: after.value, id: { [beyond]: after.id } }] }] };
}

// SQLite's LIKE (Prisma's `contains`) reads % and _ as wildcards and cannot be told otherwise,
// so a search containing them is checked again here, reading on until the page is full.
const WILDCARD = /[%_]/;
const SCAN_BATCH = 200;

async function findPage(scope: Prisma.FileWhereInput, query: ListFilesQuery, start: { value: unknown; id: string } | null) {
  const orderBy = [{ [query.sort]: query.order }, { id: query.order }];
  const wanted = query.limit + 1;
  const q = query.q?.toLowerCase();
  if (!q || !WILDCARD.test(q)) return db.file.findMany({ where: beyondCursor(scope, query, start), orderBy, take: wanted });
  const rows: FileRow[] = [];
  let after = start;
  while (rows.length < wanted) {
    const batch = await db.file.findMany({ where: beyondCursor(scope, query, after), orderBy, take: SCAN_BATCH });
    rows.push(...batch.filter((row) => row.name.toLowerCase().includes(q)));
    const last = batch.at(-1);
    if (!last || batch.length < SCAN_BATCH) break;
    after = { value: sortValue(last, query.sort), id: last.id };
  }
  return rows.slice(0, wanted);
}

export async function listFiles(ownerId: string, query: ListFilesQuery) {
  const folderId = query.folderId ?? null;
  const actor = userActor(ownerId);
  if (folderId) await findFolder(actor, folderId);
  const scope: Prisma.FileWhereInput = query.q
    ? { AND: [fileScope(actor), { name: { contains: query.q } }] }
    : { AND: [fileScope(actor), { folderId }] };
  const rows = await findPage(scope, query, query.cursor ? decodeCursor(query.cursor, query.sort) : null);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(query.sort === "size" ? Number(last.size) : query.sort === "createdAt" ? last.createdAt.toISOString() : last.name, last.id)
      : null;
  // Folders come with the first page only; a folder holds far fewer folders than files.
  const q = query.q?.toLowerCase();
  const folders = query.cursor
    ? []
    : (
        await db.folder.findMany({
          where: { AND: [folderScope(actor), query.q ? { name: { contains: query.q } } : { parentId: folderId }] },
          orderBy: { name: "asc" },
          take: 1000,
        })
      ).filter((folder) => !q || folder.name.toLowerCase().includes(q));
  return { folders: folders.map(toFolderJson), items: page.map(toFileJson), nextCursor };
}
