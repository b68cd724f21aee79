// The changing WebDAV methods over the file services: MKCOL, DELETE (to the trash, as the web UI
// does), MOVE and COPY. Each goes through the same services, access layer and audit log as the API.
import { db } from "../db";
import { createFolder, updateFolder } from "../files/folders";
import { updateFile } from "../files/files";
import { trashFile, trashFolder } from "../files/trash";
import { fileScope, folderScope, ownerIdOf, type Actor } from "../files/access";
import { readableDriver } from "../storage-ops/mirror";
import { forbidden } from "../errors";
import { dropLocks } from "./locks";
import { childFile, childFolder, folderIdOf, pathKey, resolve, type Resource } from "./paths";
import { storeFile } from "./store";
import { DavStatus } from "./status";

/** MKCOL: 201; 405 when something has the name; 409 when the parent is missing. */
export async function mkcol(actor: Actor, r: Resource): Promise<void> {
  if (r.kind !== "missing") throw new DavStatus(405, "Something already exists at this address.");
  if (r.parentId === undefined) throw new DavStatus(409, "The parent folder does not exist.");
  await createFolder(actor, { name: r.path.at(-1)!, parentId: r.parentId });
}

/** DELETE: to the trash (a folder with everything in it); its locks go. */
export async function remove(actor: Actor, r: Resource): Promise<void> {
  if (r.kind === "root") throw forbidden("The root folder cannot be deleted.");
  if (r.kind === "missing") throw new DavStatus(404, "Nothing to delete here.");
  if (r.kind === "file") await trashFile(actor, r.file.id);
  else await trashFolder(actor, r.folder.id);
  await dropLocks(ownerIdOf(actor), pathKey(r.path));
}

/** Where a MOVE or COPY goes: the resolved destination, which must have a parent folder. */
export function destinationParent(dest: Resource): string | null {
  if (dest.kind === "root") throw forbidden("The root folder cannot be replaced.");
  if (dest.kind === "missing") {
    if (dest.parentId === undefined) throw new DavStatus(409, "The destination's parent folder does not exist.");
    return dest.parentId;
  }
  return dest.kind === "file" ? dest.file.folderId : dest.folder.parentId;
}

const isWithin = (path: string[], ancestor: string[]) =>
  path.length >= ancestor.length && ancestor.every((name, i) => path[i] === name);

/**
 * MOVE and COPY. An existing destination is replaced (Overwrite: T, the default; moved to the
 * trash first) or refused (412). Answers whether the destination existed (204) or not (201).
 */
export async function transfer(
  actor: Actor,
  op: "move" | "copy",
  src: Resource,
  dest: Resource,
  { overwrite, depth }: { overwrite: boolean; depth: "0" | "infinity" },
): Promise<{ existed: boolean }> {
  if (src.kind === "missing") throw new DavStatus(404, "Nothing to move or copy here.");
  if (src.kind === "root") throw forbidden("The root folder cannot be moved or copied.");
  if (isWithin(dest.path, src.path)) throw forbidden("The destination is the source itself or inside it.");
  const parentId = destinationParent(dest);
  const name = dest.path.at(-1)!;
  const existed = dest.kind !== "missing";
  if (existed && !overwrite) throw new DavStatus(412, "The destination exists and Overwrite is F.");
  if (existed) await remove(actor, dest);
  if (op === "move") {
    if (src.kind === "file") await updateFile(actor, src.file.id, { name, folderId: parentId });
    else await updateFolder(actor, src.folder.id, { name, parentId });
    await dropLocks(ownerIdOf(actor), pathKey(src.path));
  } else if (src.kind === "file") {
    await copyFile(actor, src, parentId, name);
  } else {
    await copyFolder(actor, src, parentId, name, depth);
  }
  return { existed };
}

async function copyProps(from: string, to: { target: string; fileId?: string; folderId?: string }, ownerId: string) {
  const props = await db.davProperty.findMany({ where: { target: from } });
  if (props.length) {
    await db.davProperty.createMany({
      data: props.map((p) => ({ ownerId, namespace: p.namespace, name: p.name, value: p.value, ...to })),
    });
  }
}

async function copyFile(actor: Actor, src: Extract<Resource, { kind: "file" }>, folderId: string | null, name: string) {
  const driver = await readableDriver(src.file);
  const { body } = await driver.read(src.file.storageKey);
  const copy = await storeFile(actor, { folderId, name, replaces: null }, body, Number(src.file.size), src.file.type);
  await copyProps(`file:${src.file.id}`, { target: `file:${copy.id}`, fileId: copy.id }, ownerIdOf(actor));
}

/** A folder's copy, and with depth infinity its whole live subtree, one item at a time. */
async function copyFolder(
  actor: Actor,
  src: Extract<Resource, { kind: "folder" }>,
  parentId: string | null,
  name: string,
  depth: "0" | "infinity",
) {
  const { folder } = await createFolder(actor, { name, parentId });
  await copyProps(`folder:${src.folder.id}`, { target: `folder:${folder.id}`, folderId: folder.id }, ownerIdOf(actor));
  if (depth === "0") return;
  const sourceId = folderIdOf(src);
  const files = await db.file.findMany({
    where: { AND: [fileScope(actor), { folderId: sourceId }] },
    orderBy: { id: "asc" },
  });
  for (const file of files)
    await copyFile(actor, { kind: "file", path: [...src.path, file.name], file }, folder.id, file.name);
  const folders = await db.folder.findMany({
    where: { AND: [folderScope(actor), { parentId: sourceId }] },
    orderBy: { id: "asc" },
  });
  for (const child of folders) {
    await copyFolder(
      actor,
      { kind: "folder", path: [...src.path, child.name], folder: child },
      folder.id,
      child.name,
      depth,
    );
  }
}

export { childFile, childFolder, resolve };
