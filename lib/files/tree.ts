// Walking the folder tree: ancestries (breadcrumbs, search paths, cycle checks) and subtrees
// (trash, restore, purge). Level by level, one query per level, so the cost follows the
// depth of the tree, not the number of folders.
import { db, type Prisma } from "../db";
import type { PathEntry } from "../schemas/files";
import { folderScope, type Actor, type Visibility } from "./access";
import { sliced } from "./slices";

type Reader = Pick<Prisma.TransactionClient, "folder">;
type Node = { id: string; name: string; parentId: string | null };

/**
 * For each folder id, the folders from the root down to it (included). Trashed folders count
 * (trash entries show where they were); a folder the actor may not see ends the walk, so a
 * share link's paths start at the shared folder.
 */
export async function ancestries(
  actor: Actor,
  folderIds: (string | null)[],
  tx: Reader = db,
): Promise<Map<string, PathEntry[]>> {
  const known = new Map<string, Node>();
  let wanted = [...new Set(folderIds.filter((id): id is string => !!id))];
  while (wanted.length) {
    const rows = await sliced(wanted, (ids) =>
      tx.folder.findMany({
        where: { AND: [{ id: { in: ids } }, folderScope(actor, "any")] },
        select: { id: true, name: true, parentId: true },
      }),
    );
    for (const row of rows) known.set(row.id, row);
    wanted = [...new Set(rows.map((r) => r.parentId).filter((id): id is string => !!id && !known.has(id)))];
  }
  const paths = new Map<string, PathEntry[]>();
  const pathOf = (id: string, seen = new Set<string>()): PathEntry[] => {
    const cached = paths.get(id);
    if (cached) return cached;
    const node = known.get(id);
    if (!node || seen.has(id)) return [];
    seen.add(id);
    const path = [...(node.parentId ? pathOf(node.parentId, seen) : []), { id: node.id, name: node.name }];
    paths.set(id, path);
    return path;
  };
  for (const id of folderIds) if (id) pathOf(id);
  return paths;
}

/** The path of one folder's contents: [] for the root. */
export const pathTo = (paths: Map<string, PathEntry[]>, folderId: string | null): PathEntry[] =>
  (folderId && paths.get(folderId)) || [];

/**
 * The ids of `rootId` and every folder below it that matches `where` (e.g. a visibility and a
 * trash group), root first.
 */
export async function subtreeIds(
  tx: Reader,
  actor: Actor,
  rootId: string,
  visibility: Visibility,
  where: Prisma.FolderWhereInput = {},
): Promise<string[]> {
  const ids = [rootId];
  let frontier = [rootId];
  while (frontier.length) {
    const children = await sliced(frontier, (ids) =>
      tx.folder.findMany({
        where: { AND: [{ parentId: { in: ids } }, folderScope(actor, visibility), where] },
        select: { id: true },
      }),
    );
    frontier = children.map((c) => c.id);
    ids.push(...frontier);
  }
  return ids;
}
