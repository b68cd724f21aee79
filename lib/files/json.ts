// The API's `file` and `folder` shapes (API.md, "Files and folders", plus docs/API.md's additions).
import type { File, Folder, Prisma } from "../generated/prisma/client";
import type { FileJson, FolderJson, PathEntry } from "../schemas/files";

/**
 * The columns toFileJson reads: a query that only answers with files can select these (Prisma
 * maps each selected column of each row; a batch's 500 whole rows cost it measurably).
 */
export const fileJsonSelect = {
  id: true,
  name: true,
  size: true,
  type: true,
  folderId: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  thumbnailKey: true,
  previewKey: true,
  mediaState: true,
  missingAt: true,
} as const satisfies Prisma.FileSelect;

export function toFileJson(
  file: Pick<File, keyof typeof fileJsonSelect>,
  extra: { shared?: boolean; path?: PathEntry[] } = {},
) {
  return {
    id: file.id,
    name: file.name,
    size: Number(file.size),
    type: file.type,
    folderId: file.folderId,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    deletedAt: file.deletedAt,
    hasThumbnail: file.thumbnailKey !== null,
    hasPreview: file.previewKey !== null,
    media: file.mediaState as FileJson["media"],
    /** Set when reconciliation found the stored bytes missing: shown as unavailable, not downloadable. */
    missingAt: file.missingAt,
    shared: extra.shared ?? false,
    ...(extra.path ? { path: extra.path } : {}),
  } satisfies FileJson;
}

export function toFolderJson(folder: Folder, extra: { shared?: boolean; path?: PathEntry[]; trash?: boolean } = {}) {
  return {
    id: folder.id,
    name: folder.name,
    parentId: folder.parentId,
    createdAt: folder.createdAt,
    shared: extra.shared ?? false,
    ...(extra.path ? { path: extra.path } : {}),
    ...(extra.trash ? { deletedAt: folder.deletedAt } : {}),
  } satisfies FolderJson;
}
