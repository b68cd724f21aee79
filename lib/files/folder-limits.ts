// How deep and how long a folder's path may grow, checked when folders are created, renamed or
// moved (the API answers 400 with the limit). A folder's path is its names from the root, joined
// by "/", counted in UTF-8 bytes (what a zip or a disk stores).
//
// MAX_FOLDER_PATH_BYTES: a file name is at most 255 UTF-16 units, at most 765 UTF-8 bytes, so any
// file's whole path stays within 3,072 + 1 + 765 = 3,838 bytes: under Linux's PATH_MAX (4,096),
// so a zip of it extracts on common systems, and far under the 65,535 bytes a zip entry's name
// can hold at all (longer ones made corrupt archives).
// MAX_FOLDER_DEPTH: breadcrumbs, move checks, trash and zips walk the tree one query per level,
// so the depth bounds their cost; 64 is as deep as a dropped folder structure may be in one go.
import type { Prisma } from "../db";
import { invalid } from "../errors";
import { folderScope, type Actor } from "./access";
import { ancestries, pathTo } from "./tree";
import { sliced } from "./slices";

export const MAX_FOLDER_DEPTH = 64;
export const MAX_FOLDER_PATH_BYTES = 3072;

type Reader = Pick<Prisma.TransactionClient, "folder">;

/** A path's size: levels, and UTF-8 bytes of the names joined by "/". */
export interface Extent {
  depth: number;
  bytes: number;
}

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/** The extent of `parentId`'s own path (the root: nothing). */
export async function pathExtent(tx: Reader, actor: Actor, parentId: string | null): Promise<Extent> {
  const path = pathTo(await ancestries(actor, [parentId], tx), parentId);
  return { depth: path.length, bytes: path.length ? utf8(path.map((p) => p.name).join("/")) : 0 };
}

/** `extent` with one more folder named `name` below it. */
export const below = (extent: Extent, name: string): Extent => ({
  depth: extent.depth + 1,
  bytes: extent.bytes + (extent.depth ? 1 : 0) + utf8(name),
});

/** How far the subtree below `folderId` reaches past it (trashed folders too: they can come back in place). */
export async function subtreeReach(tx: Reader, actor: Actor, folderId: string): Promise<Extent> {
  let reach: Extent = { depth: 0, bytes: 0 };
  let level = new Map([[folderId, 0]]); // id -> bytes of "/<name>/<name>…" below folderId
  for (let depth = 1; level.size; depth++) {
    const children = await sliced([...level.keys()], (ids) =>
      tx.folder.findMany({
        where: { AND: [{ parentId: { in: ids } }, folderScope(actor, "any")] },
        select: { id: true, name: true, parentId: true },
      }),
    );
    const next = new Map<string, number>();
    for (const child of children) {
      const bytes = level.get(child.parentId!)! + 1 + utf8(child.name);
      next.set(child.id, bytes);
      reach = { depth, bytes: Math.max(reach.bytes, bytes) };
    }
    // A cycle cannot be stored (moves refuse them), but a walk must end whatever the rows say.
    if (depth > MAX_FOLDER_DEPTH * 2) break;
    level = next;
  }
  return reach;
}

/** 400 unless a folder whose path has `extent` (and a subtree reaching `reach` below it) is within the limits. */
export function assertWithinLimits(extent: Extent, reach: Extent = { depth: 0, bytes: 0 }): void {
  if (extent.depth + reach.depth > MAX_FOLDER_DEPTH) {
    throw invalid(`Folders can be nested at most ${MAX_FOLDER_DEPTH} levels deep.`, {
      field: "parentId",
      maxDepth: MAX_FOLDER_DEPTH,
    });
  }
  if (extent.bytes + reach.bytes > MAX_FOLDER_PATH_BYTES) {
    throw invalid(
      `A folder's path (its names from the top, joined by "/") can be at most ${MAX_FOLDER_PATH_BYTES} bytes long.`,
      { field: "name", maxPathBytes: MAX_FOLDER_PATH_BYTES },
    );
  }
}
