// The trash. Trashing marks rows (deletedAt, trashGroup) and keeps counting them toward the
// quota; a folder takes its whole live subtree along under one trashGroup (the folder's own id,
// so the roots of the trash are the rows whose trashGroup is their id), and restoring it brings
// back exactly that group. Deleting for good is purge.ts.
import { db, type Prisma } from "../db";
import type { TrashQuery } from "../schemas/files";
import { invalid } from "../errors";
import {
  audit,
  changerOf,
  fileScope,
  findFile,
  findFolder,
  folderScope,
  ownOnly,
  ownerIdOf,
  systemActor,
  type Actor,
} from "./access";
import { freeFolderName, freeName } from "./names";
import { present, presentFile, presentFolder } from "./present";
import { purgeFolderRows, purgeRows, purgeTrash, purging } from "./purge";
import { subtreeIds } from "./tree";
import { uniqueFolderName } from "./folders";
import { slicedCount } from "./slices";

type Tx = Prisma.TransactionClient;

/** Whether `folderId` is a live folder of the actor's (restores go to the root otherwise). */
async function isLive(tx: Tx, actor: Actor, folderId: string | null): Promise<boolean> {
  return (
    !!folderId &&
    !!(await tx.folder.findFirst({ where: { AND: [{ id: folderId }, folderScope(actor)] }, select: { id: true } }))
  );
}

/** An Editor may trash what is shared with them; it goes to the owner's trash (only the owner restores or purges). */
export async function trashFileIn(tx: Tx, actor: Actor, id: string): Promise<void> {
  const file = await findFile(actor, id, "live", tx);
  changerOf(actor, file, true);
  await tx.file.update({ where: { id }, data: { deletedAt: new Date(), trashGroup: file.id } });
  await audit(tx, actor, "file.trash", id, { name: file.name });
}

/** Back into its folder, or the root when that folder is gone or trashed; a taken name gets " (1)". */
export async function restoreFileIn(tx: Tx, anyActor: Actor, id: string) {
  const actor = ownOnly(anyActor);
  const ownerId = ownerIdOf(actor);
  const file = await findFile(actor, id, "trashed", tx);
  const folderId = (await isLive(tx, actor, file.folderId)) ? file.folderId : null;
  const name = await freeName(tx, ownerId, folderId, file.name);
  const restored = await tx.file.update({ where: { id }, data: { deletedAt: null, trashGroup: null, folderId, name } });
  await audit(tx, actor, "file.restore", id, { name, folderId });
  return restored;
}

export async function trashFolderIn(tx: Tx, actor: Actor, id: string): Promise<void> {
  const folder = await findFolder(actor, id, "live", tx);
  // Judged by the folder that holds it: an Editor cannot trash the shared folder itself.
  changerOf(actor, { id: folder.id, ownerId: folder.ownerId, folderId: folder.parentId }, false);
  const ids = await subtreeIds(tx, actor, folder.id, "live");
  const mark = { deletedAt: new Date(), trashGroup: folder.id };
  await slicedCount(ids, (slice) =>
    tx.folder.updateMany({ where: { AND: [{ id: { in: slice } }, folderScope(actor)] }, data: mark }),
  );
  // Uploads still running into the subtree go along, so they land in the trash with it.
  const count = await slicedCount(ids, (slice) =>
    tx.file.updateMany({
      where: { AND: [{ folderId: { in: slice } }, fileScope(systemActor("trash folder"))] },
      data: mark,
    }),
  );
  await audit(tx, actor, "folder.trash", id, { name: folder.name, folders: ids.length, files: count });
}

/** The folder and what went to the trash with it, back where it was (or the root), " (1)" on a clash. */
export async function restoreFolderIn(tx: Tx, anyActor: Actor, id: string) {
  const actor = ownOnly(anyActor);
  const ownerId = ownerIdOf(actor);
  const folder = await findFolder(actor, id, "trashed", tx);
  const group = { trashGroup: folder.trashGroup };
  const ids = await subtreeIds(tx, actor, folder.id, "trashed", group);
  const parentId = (await isLive(tx, actor, folder.parentId)) ? folder.parentId : null;
  const name = await freeFolderName(tx, ownerId, parentId, folder.name);
  const back = { deletedAt: null, trashGroup: null };
  const restored = await tx.folder.update({ where: { id }, data: { ...back, parentId, name } });
  await slicedCount(ids, (slice) =>
    tx.folder.updateMany({ where: { AND: [{ id: { in: slice } }, folderScope(actor, "trashed"), group] }, data: back }),
  );
  const count = await slicedCount(ids, (slice) =>
    tx.file.updateMany({
      where: { AND: [{ folderId: { in: slice } }, fileScope(systemActor("restore folder"), "trashed"), group] },
      data: back,
    }),
  );
  await audit(tx, actor, "folder.restore", id, { name, parentId, folders: ids.length, files: count });
  return restored;
}

export async function trashFile(actor: Actor, id: string) {
  await db.$transaction((tx) => trashFileIn(tx, actor, id));
}

export async function restoreFile(actor: Actor, id: string) {
  return { file: await presentFile(actor, await db.$transaction((tx) => restoreFileIn(tx, actor, id))) };
}

export async function trashFolder(actor: Actor, id: string) {
  await db.$transaction((tx) => trashFolderIn(tx, actor, id));
}

export async function restoreFolder(actor: Actor, id: string) {
  const folder = await uniqueFolderName(undefined, () => db.$transaction((tx) => restoreFolderIn(tx, actor, id)));
  return { folder: await presentFolder(actor, folder) };
}

/** DELETE ...?permanent=1 on a file (trashed or not): the bytes, the row and its space, for good. */
export async function deleteFileForever(anyActor: Actor, id: string) {
  const actor = ownOnly(anyActor); // deleting for good is the owner's alone
  ownerIdOf(actor);
  await purging(async (tx) => {
    const file = await findFile(actor, id, "any", tx);
    const cleanups = await purgeRows(tx, [file]);
    await audit(tx, actor, "file.purge", id, { name: file.name, size: Number(file.size) });
    return { result: null, cleanups };
  });
}

export async function deleteFolderForever(anyActor: Actor, id: string) {
  const actor = ownOnly(anyActor);
  ownerIdOf(actor);
  await purging(async (tx) => ({ result: null, cleanups: await purgeFolderRows(tx, actor, id) }));
}

/** DELETE /api/trash. */
export async function emptyTrash(actor: Actor) {
  ownerIdOf(actor);
  return purgeTrash(ownOnly(actor));
}

const TRASH_FOLDERS_PER_PAGE = 1000;

function decodeTrashCursor(cursor: string): { deletedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at === "string" && typeof id === "string" && !Number.isNaN(Date.parse(at)))
      return { deletedAt: new Date(at), id };
  } catch {
    // fall through
  }
  throw invalid("cursor is not valid for this listing. Start again without it.");
}

/**
 * GET /api/trash: newest first. The roots of the trash only — a trashed folder stands for what
 * went with it — each with the path it was trashed from. Folders come on the first page.
 */
export async function listTrash(actor: Actor, query: TrashQuery) {
  const start = query.cursor ? decodeTrashCursor(query.cursor) : null;
  const beyond = start
    ? {
        AND: [
          { deletedAt: { lte: start.deletedAt } },
          { OR: [{ deletedAt: { lt: start.deletedAt } }, { id: { lt: start.id } }] },
        ],
      }
    : {};
  const rows = await db.file.findMany({
    where: { AND: [fileScope(actor, "trashed"), { trashGroup: { equals: db.file.fields.id } }, beyond] },
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const files = rows.slice(0, query.limit);
  const folders = start
    ? []
    : await db.folder.findMany({
        where: { AND: [folderScope(actor, "trashed"), { trashGroup: { equals: db.folder.fields.id } }] },
        orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
        take: TRASH_FOLDERS_PER_PAGE,
      });
  const last = files.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(JSON.stringify([last.deletedAt!.toISOString(), last.id])).toString("base64url")
      : null;
  return { ...(await present(actor, files, folders, { withPaths: true, trash: true })), nextCursor };
}
