// POST /api/uploads/{id}/complete: the file becomes visible only once the store holds an
// object of exactly the declared size; its bytes then move from reserved to used.
import { db } from "../db";
import { conflict, gone, invalid } from "../errors";
import { commitBytes } from "../quota";
import { IntegrityError, ObjectNotFoundError } from "../storage/errors";
import type { CompletedPart } from "../storage/types";
import { formatBytes } from "../bytes";
import { findUpload, type UploadSession } from "./find";
import { discardUpload } from "./discard";
import { toFileJson } from "../files/json";
import { audit, fileScope, uploaderIdOf, type Actor } from "../files/access";
import { enqueueMirror } from "../storage-ops/mirror";
import { enqueueMedia, firstMediaState } from "../media/queue";
import { wakeMedia } from "../media/worker-timer";
import { mailArrivals, noteArrival } from "../requests/arrival";
import { purging } from "../files/purge";
import { replaceWithPending } from "../versions/replace";

export { completeInput } from "../schemas/uploads";

function checkPartList(upload: UploadSession, parts: CompletedPart[] | undefined): CompletedPart[] {
  if (!parts?.length) throw invalid("parts is required to complete a multipart upload.");
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const complete = sorted.length === upload.partCount && sorted.every((p, i) => p.partNumber === i + 1);
  if (!complete) throw invalid(`parts must list each of the ${upload.partCount} parts exactly once.`);
  return sorted;
}

async function joinParts(upload: UploadSession, parts: CompletedPart[]): Promise<void> {
  try {
    await upload.driver.completeMultipart({ key: upload.key, uploadId: upload.multipartId!, parts });
  } catch (error) {
    // Joined by an earlier call whose answer was lost (or whose process died): the store no
    // longer knows the multipart upload (stores answer that differently), but holds the object.
    if ((await storedSize(upload).catch(() => null)) === upload.size) return;
    // A part that is missing or differs from its ETag can still be sent again: keep the session.
    if (error instanceof IntegrityError || error instanceof ObjectNotFoundError) {
      throw conflict(
        "The parts could not be joined: a part is missing or does not match its ETag. Upload the missing parts and complete again.",
      );
    }
    throw error;
  }
}

async function storedSize(upload: UploadSession): Promise<number | null> {
  try {
    return (await upload.driver.stat(upload.key)).size;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
}

/** A complete repeated after its answer was lost gets the same answer, not a 404. */
async function alreadyCompleted(actor: Actor, uploadId: string) {
  // The upload shares its file's id, or (a replacement) is the one whose bytes the file now holds;
  // a completed file may have gone to the trash since.
  const file = await db.file.findFirst({
    where: { AND: [{ OR: [{ id: uploadId }, { contentUploadId: uploadId }] }, fileScope(actor, "any")] },
  });
  return file ? { file: toFileJson(file) } : null;
}

export async function completeUpload(actor: Actor, uploadId: string, parts?: CompletedPart[]) {
  uploaderIdOf(actor); // only who started it (the owner, or a file request's visitor) completes it
  const upload = await findUpload(actor, uploadId).catch(async (error: unknown) => {
    const done = (error as { code?: string }).code === "not_found" ? await alreadyCompleted(actor, uploadId) : null;
    if (done) return done;
    throw error;
  });
  if ("file" in upload) return upload;
  if (upload.expiresAt.getTime() <= Date.now())
    throw gone("This upload has expired and was not kept. Upload the file again.");
  if (upload.multipartId) await joinParts(upload, checkPartList(upload, parts));

  const size = await storedSize(upload);
  if (size !== upload.size) {
    await discardUpload(upload, size === null ? "missing object" : "wrong size");
    throw conflict(
      size === null
        ? "No bytes were stored for this upload. It was not kept; upload it again."
        : `The stored file has ${formatBytes(size)} but ${formatBytes(upload.size)} were declared. It was not kept; upload it again.`,
    );
  }

  let firstArrival = false;
  const file = await purging(async (tx) => {
    // The claim: only one of complete, abort and the sweeper ends a session, and never after expiry.
    const { count } = await tx.upload.deleteMany({ where: { id: upload.id, expiresAt: { gt: new Date() } } });
    if (count === 0)
      throw conflict("This upload was cancelled or expired while it was being completed. Upload the file again.");
    if (upload.replacesFileId) {
      const pending = await tx.file.findUniqueOrThrow({ where: { id: upload.fileId } });
      const replaced = await replaceWithPending(tx, actor, upload.replacesFileId, pending);
      if (replaced) {
        // The bytes move from reserved to used; the file count stays (one file, one more version).
        await commitBytes(upload.ownerId, upload.size, tx, 0);
        return { result: replaced.file, cleanups: replaced.cleanups };
      }
      // The file went to the trash or away meanwhile: the upload stays a file of its own (its free name).
    }
    const ready = await tx.file.update({
      where: { id: upload.fileId },
      data: { status: "READY", mediaState: firstMediaState(upload.type) },
    });
    await commitBytes(upload.ownerId, upload.size, tx);
    await audit(tx, actor, "file.upload", ready.id, { name: ready.name, size: upload.size, folderId: ready.folderId });
    // A visitor's file: the owner's badge on the request counts it until they look.
    if (upload.requestId) firstArrival = await noteArrival(tx, upload.requestId);
    await enqueueMirror(tx, ready.id, ready.driver);
    await enqueueMedia(tx, ready, true);
    return { result: ready, cleanups: [] };
  });
  wakeMedia();
  if (firstArrival) void mailArrivals(upload.requestId!);
  return { file: toFileJson(file) };
}
