// DELETE /api/uploads/{id}: abort, free the reservation, delete any bytes. A complete that won
// the race (or came first) turned the session into a file: then the client must not be told
// "aborted" while the file exists, so the answer is 409 `upload_completed` naming the file.
import { db } from "../db";
import { DomainError } from "../errors";
import { fileScope, uploaderIdOf, userActor, type Actor } from "../files/access";
import { discardUpload } from "./discard";
import { findUpload, type UploadSession } from "./find";

/** 409 upload_completed when the session `uploadId` became one of `actor`'s files (its id is the file's). */
async function refuseIfCompleted(actor: Actor, uploadId: string): Promise<void> {
  const file = await db.file.findFirst({ where: { id: uploadId, ...fileScope(actor, "any") }, select: { id: true } });
  if (file) {
    throw new DomainError("upload_completed", "This upload was already completed: the file exists and was kept.", {
      fileId: file.id,
    });
  }
}

/** Aborts a loaded session; 409 upload_completed when a complete claimed it first. */
export async function abortSession(upload: UploadSession): Promise<void> {
  if (await discardUpload(upload, "aborted")) return;
  await refuseIfCompleted(userActor(upload.ownerId), upload.id);
  // Ended another way (expired and swept, aborted twice): aborted is what the caller asked for.
}

/** DELETE /api/uploads/{id}: abort, free the reservation, delete any bytes. Only its owner can. */
export async function abortUpload(actor: Actor, uploadId: string): Promise<void> {
  uploaderIdOf(actor);
  let upload: UploadSession;
  try {
    upload = await findUpload(actor, uploadId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") await refuseIfCompleted(actor, uploadId);
    throw error;
  }
  await abortSession(upload);
}
