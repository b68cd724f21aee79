// Small preview images the browser makes at upload time (WebP, JPEG or PNG, at most 64 KiB),
// stored through the file's own driver next to it (key: "<file key>.thumb.<ext>") and deleted
// with it (purge.ts). A grid loads these, never the originals. They are not counted toward the quota.
import { db } from "../db";
import { DomainError, notFound } from "../errors";
import { log } from "../log";
import { MAX_THUMBNAIL_BYTES, THUMBNAIL_TYPES } from "../schemas/files";
import { getDriver } from "../storage";
import { enqueueMirror, readableDriver } from "../storage-ops/mirror";
import type { DriverName } from "../storage/types";
import { findFile, ownerIdOf, type Actor } from "./access";
import { DOWNLOAD_URL_SECONDS } from "./get";

type ThumbnailType = (typeof THUMBNAIL_TYPES)[number];
const EXTENSION: Record<ThumbnailType, string> = { "image/webp": "webp", "image/jpeg": "jpg", "image/png": "png" };
const TYPE_OF = Object.fromEntries(Object.entries(EXTENSION).map(([type, ext]) => [ext, type]));

function thumbnailType(type: string | null): ThumbnailType {
  const essence = (type ?? "").split(";")[0]!.trim().toLowerCase();
  if (!(THUMBNAIL_TYPES as readonly string[]).includes(essence)) {
    throw new DomainError("unsupported_type", "A thumbnail must be a WebP, JPEG or PNG image.");
  }
  return essence as ThumbnailType;
}

/** PUT /api/files/{id}/thumbnail: stores (or replaces) the file's thumbnail. */
export async function putThumbnail(
  actor: Actor,
  id: string,
  image: { type: string | null; bytes: Uint8Array },
): Promise<void> {
  ownerIdOf(actor);
  const type = thumbnailType(image.type);
  if (image.bytes.byteLength === 0) throw new DomainError("invalid_request", "The thumbnail is empty.");
  if (image.bytes.byteLength > MAX_THUMBNAIL_BYTES) {
    throw new DomainError("too_large", "A thumbnail can be at most 64 KiB.", { maxBytes: MAX_THUMBNAIL_BYTES });
  }
  const file = await findFile(actor, id);
  const driver = getDriver(file.driver as DriverName);
  const key = `${file.storageKey}.thumb.${EXTENSION[type]}`;
  await driver.write(key, new Blob([image.bytes as BlobPart]).stream(), image.bytes.byteLength, type);
  // The file may have gone to the trash or been deleted meanwhile: then the image goes too.
  const { count } = await db.file.updateMany({
    where: { id: file.id, storageKey: file.storageKey, deletedAt: null },
    data: { thumbnailKey: key },
  });
  const stale = count === 0 ? key : file.thumbnailKey !== key ? file.thumbnailKey : null;
  if (stale)
    await driver
      .delete(stale)
      .catch((error: unknown) => log.warn("thumbnail: could not delete", { key: stale, error: String(error) }));
  if (count === 0) throw notFound("File");
  // Made after the file's mirror copy: the mirror worker copies the image too.
  if (file.mirroredAt) await enqueueMirror(db, file.id, file.driver);
}

/** How long a browser may reuse the thumbnail redirect: well inside the signed URL's life. */
export const THUMBNAIL_REDIRECT_SECONDS = DOWNLOAD_URL_SECONDS - 60;

/** GET /api/files/{id}/thumbnail: a short-lived signed GET of the image, inline; 404 when there is none. */
export async function thumbnailUrl(actor: Actor, id: string): Promise<string> {
  const file = await findFile(actor, id);
  if (!file.thumbnailKey) throw notFound("Thumbnail");
  const type = TYPE_OF[file.thumbnailKey.split(".").at(-1)!] ?? "application/octet-stream";
  const signed = await (
    await readableDriver(file)
  ).createDownloadUrl({
    key: file.thumbnailKey,
    filename: `${file.name}.${file.thumbnailKey.split(".").at(-1)}`,
    type,
    disposition: "inline",
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
  return signed.url;
}
