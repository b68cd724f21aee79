// Which names of an upload are taken in the target folder: the browser asks before it uploads, so it
// can offer "Replace or keep both?" (replace: the upload's `replace` flag; keep both: " (1)").
import { db } from "../db";
import { fileScope, findFolder, type Actor } from "../files/access";
import type { NameClashes } from "../schemas/versions";

export async function nameClashes(actor: Actor, folderId: string | null, names: string[]): Promise<NameClashes> {
  // Another user's folder answers 404 here, like a missing one.
  if (folderId) await findFolder(actor, folderId);
  const files = await db.file.findMany({
    where: { AND: [fileScope(actor), { folderId, name: { in: [...new Set(names)] } }] },
    select: { id: true, name: true },
  });
  return { clashes: files.map((f) => ({ name: f.name, fileId: f.id })) };
}
