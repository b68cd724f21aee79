// POST /api/files/bulk: one action on many files and folders, all or nothing (one transaction:
// an id that is not the caller's answers 404 and nothing changes).
import { db, type Prisma } from "../db";
import type { BulkInput } from "../schemas/files";
import { audit, findFile, ownOnly, type Actor } from "./access";
import { updateFileIn } from "./files";
import { uniqueFolderName, updateFolderIn } from "./folders";
import { purgeFolderRows, purgeRows, purging, type Cleanup } from "./purge";
import { restoreFileIn, restoreFolderIn, trashFileIn, trashFolderIn } from "./trash";

type Tx = Prisma.TransactionClient;
type Step = { file: (tx: Tx, id: string) => Promise<unknown>; folder: (tx: Tx, id: string) => Promise<unknown> };

const BULK_TIMEOUT_MS = 120_000;

export async function bulk(actor: Actor, input: BulkInput): Promise<{ done: number }> {
  const fileIds = [...new Set(input.fileIds)];
  const folderIds = [...new Set(input.folderIds)];
  const done = fileIds.length + folderIds.length;
  const summary = { action: input.action, files: fileIds.length, folders: folderIds.length };

  if (input.action === "delete") {
    await purging(async (tx) => {
      const cleanups: Cleanup[] = [];
      // Deleting for good is the owner's alone: shared items answer 404 here.
      const own = ownOnly(actor);
      for (const id of fileIds) cleanups.push(...(await purgeRows(tx, [await findFile(own, id, "any", tx)])));
      for (const id of folderIds) cleanups.push(...(await purgeFolderRows(tx, own, id)));
      await audit(tx, actor, "bulk.delete", null, summary);
      return { result: null, cleanups };
    });
    return { done };
  }

  const steps: Record<Exclude<BulkInput["action"], "delete">, Step> = {
    move: {
      file: (tx, id) => updateFileIn(tx, actor, id, { folderId: input.folderId ?? null }),
      folder: (tx, id) => updateFolderIn(tx, actor, id, { parentId: input.folderId ?? null }),
    },
    trash: { file: (tx, id) => trashFileIn(tx, actor, id), folder: (tx, id) => trashFolderIn(tx, actor, id) },
    restore: { file: (tx, id) => restoreFileIn(tx, actor, id), folder: (tx, id) => restoreFolderIn(tx, actor, id) },
  };
  const step = steps[input.action];
  // Files before folders: a file picked together with its folder is handled on its own first.
  await uniqueFolderName(undefined, () =>
    db.$transaction(
      async (tx) => {
        for (const id of fileIds) await step.file(tx, id);
        for (const id of folderIds) await step.folder(tx, id);
        await audit(tx, actor, `bulk.${input.action}`, input.folderId ?? null, summary);
      },
      { timeout: BULK_TIMEOUT_MS },
    ),
  );
  return { done };
}
