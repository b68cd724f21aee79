// POST /api/uploads: validate, reserve quota, create the pending file, sign where the bytes go.
import { db, type Prisma } from "../db";
import { env } from "../env";
import { log } from "../log";
import { quotaExceeded, reserveBytes, releaseBytes } from "../quota";
import { driverForNewUpload } from "../storage";
import { newStorageKey } from "../storage/keys";
import { freeName } from "../files/names";
import { fileScope, findFolder, writerFor, type Actor } from "../files/access";
import type { CreatedUpload } from "../schemas/uploads";
import { checkAccepted, planParts, usesMultipart, type CreateUploadInput } from "./rules";

/** How long a signed single PUT stays valid (the client starts it at once); parts are signed in batches. */
const PUT_URL_SECONDS = 15 * 60;

export type { CreatedUpload };

/**
 * `inTransaction` runs first in the reservation's transaction (a file request takes its slot there):
 * what it throws undoes the whole create.
 */
export async function createUpload(
  actor: Actor,
  input: CreateUploadInput,
  inTransaction?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<CreatedUpload> {
  checkAccepted(input);
  const folderId = input.folderId ?? null;
  // Only into a live folder the caller may see (the access layer's rule; a trashed one answers 404),
  // and may write into: their own, or one shared with them as Editor, whose owner's quota it uses.
  const ownerId = writerFor(actor, folderId ? await findFolder(actor, folderId) : null);
  // An Editor's upload into a colleague's folder: recorded as theirs, counted as the owner's.
  const uploaderId = actor.kind === "user" && ownerId !== actor.userId ? actor.userId : null;
  // Everything that can fail without side effects comes before the reservation.
  const driver = await driverForNewUpload();
  const key = newStorageKey(ownerId);
  const multipart = usesMultipart(input.size) ? planParts(input.size) : null;
  const expiresAt = new Date(Date.now() + env().UPLOAD_EXPIRY_SECONDS * 1000);
  // The reservation and the rows that account for it commit together: a crash can never leave
  // reserved bytes without their upload (which the sweeper releases at expiry). Holding the
  // owner's row also makes concurrent creates of one owner pick their free names one at a time.
  const rows = await db.$transaction(async (tx) => {
    await inTransaction?.(tx);
    if (!(await reserveBytes(ownerId, input.size, tx))) return null;
    const replaces = input.replace
      ? await tx.file.findFirst({
          where: { AND: [fileScope(actor), { folderId, name: input.name }] },
          select: { id: true },
        })
      : null;
    const name = await freeName(tx, ownerId, folderId, input.name);
    const file = await tx.file.create({
      data: {
        ownerId,
        uploaderId,
        folderId,
        name,
        size: BigInt(input.size),
        type: input.type,
        storageKey: key,
        driver: driver.name,
      },
      select: { id: true }, // the id is all that is read back: no mapping of the whole row
    });
    const upload = await tx.upload.create({
      data: {
        // The session shares its file's id, so a repeated complete can find the finished file.
        id: file.id,
        fileId: file.id,
        ownerId,
        partSize: multipart?.partSize,
        partCount: multipart?.partCount,
        size: BigInt(input.size),
        expiresAt,
        replacesFileId: replaces?.id ?? null,
        requestId: actor.kind === "request" ? actor.requestId : null,
      },
      select: { id: true },
    });
    return { fileId: file.id, uploadId: upload.id };
  });
  if (!rows) throw await quotaExceeded(ownerId, input.size, "this file");

  let multipartId: string | null = null;
  try {
    if (multipart) {
      multipartId = (await driver.createMultipart({ key, type: input.type, partSize: multipart.partSize })).uploadId;
      await db.upload.update({ where: { id: rows.uploadId }, data: { multipartId } });
      return { ...rows, multipart, expiresAt };
    }
    const expiresIn = Math.min(PUT_URL_SECONDS, env().UPLOAD_EXPIRY_SECONDS);
    const signed = await driver.createUploadUrl({ key, size: input.size, type: input.type, expiresIn });
    return { ...rows, method: "PUT", url: signed.url, headers: signed.headers, expiresAt };
  } catch (error) {
    // Leave nothing behind: no rows, no store-side multipart upload, no reservation.
    await db
      .$transaction(async (tx) => {
        await tx.file.delete({ where: { id: rows.fileId } });
        await releaseBytes(ownerId, input.size, tx);
      })
      .catch((cleanupError: unknown) =>
        log.warn("upload: cleanup after a failed create", { error: String(cleanupError) }),
      );
    if (multipartId) await driver.abortMultipart({ key, uploadId: multipartId }).catch(() => undefined);
    log.warn("upload: create failed", { ownerId, error: String(error) });
    throw error;
  }
}
