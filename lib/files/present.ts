// Rows as the API shows them: the `shared` flag (an active link exists) and, where asked for,
// each item's path (search hits, trash entries). One query per page for each, never per row.
import { db } from "../db";
import type { File, Folder } from "../generated/prisma/client";
import type { Actor } from "./access";
import { toFileJson, toFolderJson } from "./json";
import { ancestries, pathTo } from "./tree";
import { sliced } from "./slices";

/** Ids among these files and folders that have a share link that is neither revoked nor expired. */
async function activelyShared(fileIds: string[], folderIds: string[]): Promise<Set<string>> {
  if (fileIds.length + folderIds.length === 0) return new Set();
  // One query for both kinds: ids are unique across files and folders.
  const shares = await sliced([...fileIds, ...folderIds], (ids) =>
    db.share.findMany({
      where: {
        revokedAt: null,
        expiresAt: { gt: new Date() },
        OR: [{ fileId: { in: ids } }, { folderId: { in: ids } }],
      },
      select: { fileId: true, folderId: true },
    }),
  );
  return new Set(shares.flatMap((s) => [s.fileId, s.folderId]).filter((id): id is string => !!id));
}

export async function present(
  actor: Actor,
  files: File[],
  folders: Folder[],
  options: { withPaths?: boolean; trash?: boolean } = {},
) {
  const shared = await activelyShared(
    files.map((f) => f.id),
    folders.map((f) => f.id),
  );
  const paths = options.withPaths
    ? await ancestries(actor, [...files.map((f) => f.folderId), ...folders.map((f) => f.parentId)])
    : null;
  return {
    folders: folders.map((f) =>
      toFolderJson(f, {
        shared: shared.has(f.id),
        path: paths ? pathTo(paths, f.parentId) : undefined,
        trash: options.trash,
      }),
    ),
    items: files.map((f) =>
      toFileJson(f, { shared: shared.has(f.id), path: paths ? pathTo(paths, f.folderId) : undefined }),
    ),
  };
}

export async function presentFile(actor: Actor, file: File) {
  return (await present(actor, [file], [])).items[0]!;
}

export async function presentFolder(actor: Actor, folder: Folder) {
  return (await present(actor, [], [folder])).folders[0]!;
}
