// GET /api/files: one folder's live files (or a name search across all folders), sorted,
// with keyset pagination so pages stay fast and stable while files are added.
import { z } from "zod";
import { db } from "../db";
import { invalid, notFound } from "../http/errors";
import type { Prisma } from "../generated/prisma/client";
import { toFileJson, toFolderJson } from "./json";

export const listFilesQuery = z.object({
  folderId: z.string().min(1).optional(),
  q: z.string().trim().max(255).optional().transform((q) => q || undefined),
  sort: z.enum(["name", "size", "createdAt"]).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type ListFilesQuery = z.infer<typeof listFilesQuery>;
type SortValue = string | number;

function encodeCursor(value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: ListFilesQuery["sort"]): { value: string | bigint | Date; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [SortValue, string];
    if (typeof id !== "string") throw new Error();
    if (sort === "size" && typeof value === "number") return { value: BigInt(value), id };
    if (sort === "createdAt" && typeof value === "string" && !Number.isNaN(Date.parse(value))) return { value: new Date(value), id };
    if (sort === "name" && typeof value === "string") return { value, id };
  } catch {
    // fall through to the error below
  }
  throw invalid("cursor is not valid for this listing. Start again without it.");
}

export async function listFiles(ownerId: string, query: ListFilesQuery) {
  const folderId = query.folderId ?? null;
  if (folderId && !(await db.folder.findFirst({ where: { id: folderId, ownerId }, select: { id: true } }))) {
    throw notFound("Folder");
  }
  const scope: Prisma.FileWhereInput = query.q
    ? { ownerId, status: "READY", deletedAt: null, name: { contains: query.q } }
    : { ownerId, status: "READY", deletedAt: null, folderId };
  const { sort, order } = query;
  let where = scope;
  if (query.cursor) {
    const { value, id } = decodeCursor(query.cursor, sort);
    const beyond = order === "asc" ? "gt" : "lt";
    where = { AND: [scope, { OR: [{ [sort]: { [beyond]: value } }, { [sort]: value, id: { [beyond]: id } }] }] };
  }
  const rows = await db.file.findMany({
    where,
    orderBy: [{ [sort]: order }, { id: order }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(sort === "size" ? Number(last.size) : sort === "createdAt" ? last.createdAt.toISOString() : last.name, last.id)
      : null;
  // Folders come with the first page only; a folder holds far fewer folders than files.
  const folders = query.cursor
    ? []
    : await db.folder.findMany({
        where: query.q ? { ownerId, name: { contains: query.q } } : { ownerId, parentId: folderId },
        orderBy: { name: "asc" },
        take: 1000,
      });
  return { folders: folders.map(toFolderJson), items: page.map(toFileJson), nextCursor };
}
