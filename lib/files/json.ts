// The API's `file` and `folder` shapes (API.md, "Files and folders").
import type { File, Folder } from "../generated/prisma/client";

export function toFileJson(file: File) {
  return {
    id: file.id,
    name: file.name,
    size: Number(file.size),
    type: file.type,
    folderId: file.folderId,
    createdAt: file.createdAt,
    updatedAt: file.updatedAt,
    deletedAt: file.deletedAt,
  };
}

export function toFolderJson(folder: Folder) {
  return { id: folder.id, name: folder.name, parentId: folder.parentId, createdAt: folder.createdAt };
}
