// Ending an upload without a file: abort (DELETE /api/uploads/{id}), expiry (the sweeper)
// and a failed complete all come here. Bytes go first, then the books, so a storage failure
// leaves the session intact for a later try.
import { db } from "../db";
import { log } from "../log";
import { releaseBytes } from "../quota";
import type { UploadSession } from "./find";

/** True when this call ended the session; false when someone else already had. */
export async function discardUpload(upload: UploadSession, reason: string): Promise<boolean> {
  if (upload.multipartId) await upload.driver.abortMultipart({ key: upload.key, uploadId: upload.multipartId });
  await upload.driver.delete(upload.key);
  const ended = await db.$transaction(async (tx) => {
    // Claiming the row first makes two sweepers (or a sweeper and a user) end it only once.
    const { count } = await tx.upload.deleteMany({ where: { id: upload.id } });
    if (count === 0) return false;
    await tx.file.deleteMany({ where: { id: upload.fileId, status: "PENDING" } });
    await releaseBytes(upload.ownerId, upload.size, tx);
    return true;
  });
  if (ended) log.info("upload discarded", { uploadId: upload.id, ownerId: upload.ownerId, bytes: upload.size, reason });
  return ended;
}
