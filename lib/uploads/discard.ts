// Ending an upload without a file: abort (DELETE /api/uploads/{id}), expiry (the sweeper)
// and a failed complete all come here. The session is claimed first, in the same transaction
// that gives its space back (and its file request's slot), so it can never end both as a file
// and as discarded. Its bytes are deleted right after, and once more when no signed URL can
// write them any more (lib/uploads/cleanup.ts), so a late PUT cannot leave bytes nobody counts.
import { db } from "../db";
import { log } from "../log";
import { releaseBytes } from "../quota";
import { releaseSlot } from "../requests/arrival";
import { deleteStoredBytes, lastWriteGraceMs } from "./cleanup";
import type { UploadSession } from "./find";

/** True when this call ended the session; false when someone else already had. */
export async function discardUpload(upload: UploadSession, reason: string): Promise<boolean> {
  const ended = await db.$transaction(async (tx) => {
    const { count } = await tx.upload.deleteMany({ where: { id: upload.id } });
    if (count === 0) return false;
    await tx.file.deleteMany({ where: { id: upload.fileId, status: "PENDING" } });
    await releaseBytes(upload.ownerId, upload.size, tx);
    if (upload.requestId) await releaseSlot(tx, upload.requestId);
    await tx.storageCleanup.create({
      data: {
        driver: upload.driver.name,
        key: upload.key,
        multipartId: upload.multipartId,
        notBefore: new Date(Date.now() + lastWriteGraceMs(upload.driver.name)),
      },
    });
    return true;
  });
  if (!ended) return false;
  log.info("upload discarded", { uploadId: upload.id, ownerId: upload.ownerId, bytes: upload.size, reason });
  await deleteStoredBytes(upload.driver, upload.key, upload.multipartId).catch((error: unknown) =>
    log.warn("upload discarded: bytes left for the cleanup", { key: upload.key, error: String(error) }),
  );
  return true;
}
