// Folders: create, read with breadcrumbs, rename and move, the whole tree (for the move dialog),
// and "ensure" (a dropped folder structure, created where missing). Live names are unique per
// parent, the root included, by the database itself (the expression index Folder_live_name_key):
// a lost race answers 409 like any other clash.
import { db, type Prisma, isUniqueViolation } from "../db";
import { conflict } from "../errors";
import type { CreateFolderInput, EnsureFolderInput, FolderTree, UpdateFolderInput } from "../schemas/files";
import {
  accessTo,
  audit,
  changerOf,
  findFolder,
  folderScope,
  forbiddenMove,
  ownOnly,
  writerFor,
  type Actor,
} from "./access";
import { presentFolder } from "./present";
import { ancestries, pathTo } from "./tree";
import { assertWithinLimits, below, pathExtent, subtreeReach } from "./folder-limits";

type Tx = Prisma.TransactionClient;

/** Runs a change that may break the unique live name: the database's refusal becomes a 409. */
export async function uniqueFolderName<T>(name: string | undefined, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) {
      // API.md: a 409 about one input names it, so the form can show it beside that input.
      throw conflict(
        name ? `A folder named "${name}" already exists here.` : "A folder with the same name already exists there.",
        { field: name ? "name" : "parentId" },
      );
    }
    throw error;
  }
}

/** A live folder of the actor's to put things in; null is the root. 404 for anyone else's or a trashed one. */
export async function liveParent(actor: Actor, parentId: string | null | undefined, tx: Tx | typeof db = db) {
  if (!parentId) return null;
  return (await findFolder(actor, parentId, "live", tx)).id;
}

/** The live parent folder (null = the root) and the account a new child belongs to (its owner's, for an Editor). */
async function writableParent(actor: Actor, parentId: string | null | undefined, tx: Tx | typeof db = db) {
  const parent = parentId ? await findFolder(actor, parentId, "live", tx) : null;
  return { parentId: parent?.id ?? null, ownerId: writerFor(actor, parent) };
}

export async function createFolder(actor: Actor, input: CreateFolderInput) {
  const folder = await uniqueFolderName(input.name, () =>
    db.$transaction(async (tx) => {
      const { parentId, ownerId } = await writableParent(actor, input.parentId, tx);
      assertWithinLimits(below(await pathExtent(tx, actor, parentId), input.name));
      const created = await tx.folder.create({ data: { ownerId, parentId, name: input.name } });
      await audit(tx, actor, "folder.create", created.id, { name: created.name, parentId });
      return created;
    }),
  );
  return { folder: await presentFolder(actor, folder) };
}

export async function getFolder(actor: Actor, id: string) {
  const folder = await findFolder(actor, id);
  const paths = await ancestries(actor, [folder.id]);
  // What the caller may do here ("owner", or a grant's role): the browser hides what would be refused.
  return {
    folder: await presentFolder(actor, folder),
    path: pathTo(paths, folder.id),
    access: accessTo(actor, folder),
  };
}

/** Rename and/or move, in the caller's transaction. Moving into itself or below itself answers 409. */
export async function updateFolderIn(tx: Tx, actor: Actor, id: string, input: UpdateFolderInput) {
  const current = await findFolder(actor, id, "live", tx);
  // Judged by the folder that holds it: an Editor changes what is inside the share, not the shared folder.
  const ownerId = changerOf(actor, { id: current.id, ownerId: current.ownerId, folderId: current.parentId }, false);
  const parentId = input.parentId === undefined ? current.parentId : await liveParent(actor, input.parentId, tx);
  if (parentId !== current.parentId) {
    const target = parentId ? await findFolder(actor, parentId, "live", tx) : null;
    if (writerFor(actor, target, true) !== ownerId) throw forbiddenMove();
  }
  if (parentId && parentId !== current.parentId) {
    const targetPath = pathTo(await ancestries(actor, [parentId], tx), parentId);
    if (targetPath.some((step) => step.id === current.id)) {
      throw conflict("A folder cannot be moved into itself or one of its subfolders.");
    }
  }
  const name = input.name ?? current.name;
  if (name !== current.name || parentId !== current.parentId) {
    // Checked only when the path grows: a tree made before the limits can still be shortened.
    const before = below(await pathExtent(tx, actor, current.parentId), current.name);
    const after = below(await pathExtent(tx, actor, parentId), name);
    if (after.depth > before.depth || after.bytes > before.bytes) {
      assertWithinLimits(after, await subtreeReach(tx, actor, current.id));
    }
  }
  const updated = await tx.folder.update({ where: { id }, data: { name, parentId } });
  await audit(tx, actor, parentId !== current.parentId ? "folder.move" : "folder.rename", id, {
    from: { name: current.name, parentId: current.parentId },
    to: { name: updated.name, parentId: updated.parentId },
  });
  return updated;
}

export async function updateFolder(actor: Actor, id: string, input: UpdateFolderInput) {
  const folder = await uniqueFolderName(input.name, () =>
    db.$transaction((tx) => updateFolderIn(tx, actor, id, input)),
  );
  return { folder: await presentFolder(actor, folder) };
}

/** Every live folder of the caller's: {id, name, parentId}, for a folder picker. */
export async function folderTree(actor: Actor) {
  const folders = await db.folder.findMany({
    where: folderScope(ownOnly(actor)), // the picker shows the own tree; shared folders are under "Shared with me"
    select: { id: true, name: true, parentId: true },
    orderBy: [{ sortName: "asc" }, { id: "asc" }],
  });
  return { folders } satisfies FolderTree;
}

/** The folder at `path` below `parentId` (each step reused when it exists, created when not): the deepest one. */
export async function ensureFolder(actor: Actor, input: EnsureFolderInput) {
  const writable = await writableParent(actor, input.parentId);
  const ownerId = writable.ownerId;
  let parentId = writable.parentId;
  // The whole path is checked before any step is made: a refused drop leaves nothing behind.
  assertWithinLimits(input.path.reduce(below, await pathExtent(db, actor, parentId)));
  let folder = null;
  for (const name of input.path) {
    const existing = await db.folder.findFirst({ where: { ownerId, deletedAt: null, parentId, name } });
    folder =
      existing ??
      (await db
        .$transaction(async (tx) => {
          const created = await tx.folder.create({ data: { ownerId, parentId, name } });
          await audit(tx, actor, "folder.create", created.id, { name, parentId });
          return created;
        })
        .catch(async (error: unknown) => {
          // Another drop created it a moment ago: use that one.
          if (!isUniqueViolation(error)) throw error;
          return db.folder.findFirstOrThrow({ where: { ownerId, deletedAt: null, parentId, name } });
        }));
    parentId = folder.id;
  }
  return { folder: await presentFolder(actor, folder!) };
}
