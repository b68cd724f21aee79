// Small preview images the browser makes at upload time (WebP, JPEG or PNG, at most 64 KiB),
// stored through the file's own driver next to it (thumbnail-keys.ts) and deleted with it
// (purge.ts). A grid loads these, never the originals.
//
// A thumbnail is bytes on the owner's storage like any other: its size counts in their usedBytes
// (File.thumbnailBytes, freed with the file), so an account at its quota cannot park 64 KiB on
// each of any number of empty files. Its header must be the image type it claims
// (image-sniff.ts): it is served inline with that type. A file has one at most: each PUT stores
// under a key of its own and swaps the row over only while it still names the image it replaces,
// so of two racing PUTs one wins and the other deletes its own bytes.
//
// The server's media queue (lib/media/) makes thumbnails of its own for every file; the browser's
// stays the fast path until it has. Once the server's exist, a browser's is refused (409): the
// server's are upright and checked. A browser's is decoded (its header, with sharp) before it is
// stored: it must be an image of the claimed type and of thumbnail size.
import { db } from "../db";
import { conflict, DomainError, invalid, notFound } from "../errors";
import { log } from "../log";
import { chargeBytes, quotaExceeded, usageOf } from "../quota";
import { MAX_THUMBNAIL_BYTES, THUMBNAIL_TYPES } from "../schemas/files";
import { getDriver } from "../storage";
import { copiesOf, enqueueMirror, readableDriver } from "../storage-ops/mirror";
import type { DriverName } from "../storage/types";
import { changerOf, findFile, type Actor } from "./access";
import { DOWNLOAD_URL_SECONDS } from "./get";
import { looksLike } from "./image-sniff";
import { newThumbnailKey } from "./thumbnail-keys";
import sharp from "sharp";

/** A browser's thumbnail is at most this many pixels on each side (it makes 256). */
export const MAX_THUMBNAIL_PX = 512;
const SHARP_FORMAT: Record<ThumbnailType, string> = { "image/webp": "webp", "image/jpeg": "jpeg", "image/png": "png" };

/** Its header, read by libvips: the claimed format, and small. */
async function checkDecodes(type: ThumbnailType, bytes: Uint8Array): Promise<void> {
  // Only the header is read (no pixels are decoded), so the size check below comes first.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta || meta.format !== SHARP_FORMAT[type]) {
    throw new DomainError("unsupported_type", `The thumbnail is not a ${EXTENSION[type].toUpperCase()} image.`);
  }
  if ((meta.width ?? 0) > MAX_THUMBNAIL_PX || (meta.height ?? 0) > MAX_THUMBNAIL_PX) {
    throw invalid(`A thumbnail can be at most ${MAX_THUMBNAIL_PX} × ${MAX_THUMBNAIL_PX} pixels.`);
  }
}

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

/** The image's type, once its size and header are right. */
function checkedImage(image: { type: string | null; bytes: Uint8Array }): ThumbnailType {
  const type = thumbnailType(image.type);
  if (image.bytes.byteLength === 0) throw invalid("The thumbnail is empty.");
  if (image.bytes.byteLength > MAX_THUMBNAIL_BYTES) {
    throw new DomainError("too_large", "A thumbnail can be at most 64 KiB.", { maxBytes: MAX_THUMBNAIL_BYTES });
  }
  if (!looksLike(type, image.bytes)) {
    throw new DomainError(
      "unsupported_type",
      `The thumbnail's bytes are not a ${EXTENSION[type].toUpperCase()} image.`,
    );
  }
  return type;
}

async function deleteQuietly(driver: DriverName, key: string): Promise<void> {
  await getDriver(driver)
    .delete(key)
    .catch((error: unknown) => log.warn("thumbnail: could not delete", { key, error: String(error) }));
}

/** Marks a refusal inside the transaction; its error is built after it (no query may run beside it). */
class OverQuota extends Error {}

/** PUT /api/files/{id}/thumbnail: stores (or replaces) the file's thumbnail. */
export async function putThumbnail(
  actor: Actor,
  id: string,
  image: { type: string | null; bytes: Uint8Array },
): Promise<void> {
  const type = checkedImage(image);
  const size = image.bytes.byteLength;
  const file = await findFile(actor, id);
  // The owner's or an Editor's browser stores it; it counts against the owner's quota like the file.
  const ownerId = changerOf(actor, file, true);
  if (file.mediaState === "ready") throw conflict("The server has made this file's thumbnail already.");
  await checkDecodes(type, image.bytes);
  const growth = size - (file.thumbnailBytes ?? 0);
  // Asked before anything is stored, so an account at its quota writes nothing; booked below.
  const usage = await usageOf(ownerId);
  if (growth > 0 && usage.quotaBytes !== null && usage.usedBytes + usage.reservedBytes + growth > usage.quotaBytes) {
    throw await quotaExceeded(ownerId, size, "this thumbnail");
  }
  const key = newThumbnailKey(file.storageKey, EXTENSION[type]);
  await getDriver(file.driver as DriverName).write(key, new Blob([image.bytes as BlobPart]).stream(), size, type);
  try {
    await db.$transaction(async (tx) => {
      // Only while the row is as read: live, on the same driver and key, with the same thumbnail.
      const { count } = await tx.file.updateMany({
        where: {
          id: file.id,
          storageKey: file.storageKey,
          driver: file.driver,
          deletedAt: null,
          thumbnailKey: file.thumbnailKey,
        },
        data: { thumbnailKey: key, thumbnailBytes: size },
      });
      if (count === 0) {
        await findFile(actor, id, "live", tx); // 404 when it went to the trash or was deleted meanwhile
        throw conflict("The file's thumbnail changed meanwhile; try again.");
      }
      if (!(await chargeBytes(ownerId, growth, tx))) throw new OverQuota();
    });
  } catch (error) {
    await deleteQuietly(file.driver as DriverName, key);
    if (error instanceof OverQuota) throw await quotaExceeded(ownerId, size, "this thumbnail");
    throw error;
  }
  // The replaced image, on the file's driver and on the backup mirror.
  if (file.thumbnailKey) for (const driver of copiesOf(file)) await deleteQuietly(driver, file.thumbnailKey);
  // Made after the file's mirror copy: the mirror worker copies the image too.
  if (file.mirroredAt) await enqueueMirror(db, file.id, file.driver);
}

/** How long a browser may reuse the thumbnail redirect: well inside the signed URL's life. */
export const THUMBNAIL_REDIRECT_SECONDS = DOWNLOAD_URL_SECONDS - 60;

/** GET /api/files/{id}/thumbnail: a short-lived signed GET of the image, inline; 404 when there is none. */
export async function thumbnailUrl(actor: Actor, id: string): Promise<string> {
  const file = await findFile(actor, id);
  if (!file.thumbnailKey) throw notFound("Thumbnail");
  const extension = file.thumbnailKey.split(".").at(-1)!;
  const signed = await (
    await readableDriver(file)
  ).createDownloadUrl({
    key: file.thumbnailKey,
    filename: `${file.name}.${extension}`,
    type: TYPE_OF[extension] ?? "application/octet-stream",
    disposition: "inline",
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
  return signed.url;
}
