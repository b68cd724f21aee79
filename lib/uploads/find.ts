// Loading an upload session for its owner (another user's answers 404, like a missing one).
import { db } from "../db";
import { notFound } from "../errors";
import { uploadScope, type Actor } from "../files/access";
import type { UploadDescriptionJson } from "../schemas/uploads";
import { getDriver } from "../storage";
import type { DriverName, StorageDriver } from "../storage/types";

export interface UploadSession {
  id: string;
  ownerId: string;
  fileId: string;
  multipartId: string | null;
  partSize: number | null;
  partCount: number | null;
  size: number;
  expiresAt: Date;
  key: string;
  name: string;
  type: string;
  driver: StorageDriver;
  /** The live file this upload replaces when it completes (lib/versions), or null. */
  replacesFileId: string | null;
  /** The file request whose visitor started it (lib/requests), or null. */
  requestId: string | null;
}

export async function findUpload(actor: Actor, uploadId: string): Promise<UploadSession> {
  const row = await db.upload.findFirst({
    where: { AND: [{ id: uploadId }, uploadScope(actor)] },
    // Only what a session needs of its file: every complete and part reads it.
    include: { file: { select: { storageKey: true, name: true, type: true, driver: true } } },
  });
  if (!row) throw notFound("Upload");
  return {
    id: row.id,
    ownerId: row.ownerId,
    fileId: row.fileId,
    multipartId: row.multipartId,
    partSize: row.partSize,
    partCount: row.partCount,
    size: Number(row.size),
    expiresAt: row.expiresAt,
    key: row.file.storageKey,
    name: row.file.name,
    type: row.file.type,
    driver: await getDriver(row.file.driver as DriverName),
    replacesFileId: row.replacesFileId,
    requestId: row.requestId,
  };
}

export function describeUpload(upload: UploadSession) {
  return {
    uploadId: upload.id,
    fileId: upload.fileId,
    name: upload.name,
    size: upload.size,
    type: upload.type,
    expiresAt: upload.expiresAt,
    ...(upload.multipartId
      ? { multipart: { partSize: upload.partSize!, partCount: upload.partCount! } }
      : { method: "PUT" as const }),
  } satisfies UploadDescriptionJson;
}
