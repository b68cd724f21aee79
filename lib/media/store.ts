// Stores a file's server-made renditions next to it on its own driver, the way a browser-made
// thumbnail is stored (lib/files/thumbnails.ts): fresh keys, then one conditional swap of the row
// (only while the file is live on the same driver and key, with the renditions it had when read),
// with the growth charged to the owner's usedBytes in the same transaction (renditions count like
// any stored byte; an account at its quota gets none: its file keeps the icon or browser thumbnail).
// What the swap replaced (or what lost the race) is deleted from every copy afterwards.
import type { File } from "../generated/prisma/client";
import { db } from "../db";
import { log } from "../log";
import { chargeBytes } from "../quota";
import { getDriver } from "../storage";
import type { DriverName } from "../storage/types";
import { copiesOf, enqueueMirror } from "../storage-ops/mirror";
import { newPreviewKey, newThumbnailKey } from "../files/thumbnail-keys";

export type StoreOutcome = "stored" | "changed" | "over_quota";

async function deleteQuietly(driver: DriverName, key: string): Promise<void> {
  await getDriver(driver)
    .delete(key)
    .catch((error: unknown) => log.warn("media: could not delete", { key, error: String(error) }));
}

class OverQuota extends Error {}

export async function storeRenditions(file: File, thumb: Buffer, preview: Buffer): Promise<StoreOutcome> {
  const driver = getDriver(file.driver as DriverName);
  const thumbKey = newThumbnailKey(file.storageKey, "webp");
  const previewKey = newPreviewKey(file.storageKey, "webp");
  const growth = thumb.byteLength + preview.byteLength - (file.thumbnailBytes ?? 0) - (file.previewBytes ?? 0);
  await driver.write(thumbKey, new Blob([thumb as BlobPart]).stream(), thumb.byteLength, "image/webp");
  await driver.write(previewKey, new Blob([preview as BlobPart]).stream(), preview.byteLength, "image/webp");
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.file.updateMany({
        where: {
          id: file.id,
          storageKey: file.storageKey,
          driver: file.driver,
          status: "READY",
          thumbnailKey: file.thumbnailKey,
          previewKey: file.previewKey,
        },
        data: {
          thumbnailKey: thumbKey,
          thumbnailBytes: thumb.byteLength,
          previewKey,
          previewBytes: preview.byteLength,
          mediaState: "ready",
        },
      });
      if (count === 0) throw new Changed();
      if (!(await chargeBytes(file.ownerId, growth, tx))) throw new OverQuota();
    });
  } catch (error) {
    await deleteQuietly(driver.name, thumbKey);
    await deleteQuietly(driver.name, previewKey);
    if (error instanceof OverQuota) return "over_quota";
    if (error instanceof Changed) return "changed";
    throw error;
  }
  for (const copy of copiesOf(file)) {
    for (const key of [file.thumbnailKey, file.previewKey]) if (key) await deleteQuietly(copy, key);
  }
  if (file.mirroredAt) await enqueueMirror(db, file.id, file.driver);
  return "stored";
}

class Changed extends Error {}
