// Renaming and moving files. File names are unique per folder among live files (checked here;
// new uploads get " (1)" instead, see names.ts).
import { db, type Prisma } from "../db";
import { conflict } from "../errors";
import type { UpdateFileInput } from "../schemas/files";
import { audit, changerOf, findFile, findFolder, forbiddenMove, writerFor, type Actor } from "./access";
import { liveParent } from "./folders";
import { presentFile } from "./present";

type Tx = Prisma.TransactionClient;

/** Rename and/or move one file in the caller's transaction; a live file of that name in the target answers 409. */
export async function updateFileIn(tx: Tx, actor: Actor, id: string, input: UpdateFileInput) {
  const file = await findFile(actor, id, "live", tx);
  const ownerId = changerOf(actor, file, true);
  const folderId = input.folderId === undefined ? file.folderId : await liveParent(actor, input.folderId, tx);
  // A move stays within one account: an Editor moves within what is shared, never out of it.
  if (folderId !== file.folderId) {
    const target = folderId ? await findFolder(actor, folderId, "live", tx) : null;
    if (writerFor(actor, target, true) !== ownerId) throw forbiddenMove();
  }
  const name = input.name ?? file.name;
  if (name === file.name && folderId === file.folderId) return file;
  const clash = await tx.file.findFirst({
    where: { ownerId, status: "READY", deletedAt: null, folderId, name, id: { not: file.id } },
    select: { id: true },
  });
  if (clash) {
    const renamed = name !== file.name;
    throw conflict(`A file named "${name}" already exists ${folderId === file.folderId ? "here" : "there"}.`, {
      field: renamed ? "name" : "folderId",
    });
  }
  const updated = await tx.file.update({ where: { id: file.id }, data: { name, folderId } });
  await audit(tx, actor, folderId !== file.folderId ? "file.move" : "file.rename", file.id, {
    from: { name: file.name, folderId: file.folderId },
    to: { name, folderId },
  });
  return updated;
}

export async function updateFile(actor: Actor, id: string, input: UpdateFileInput) {
  const file = await db.$transaction((tx) => updateFileIn(tx, actor, id, input));
  return { file: await presentFile(actor, file) };
}
