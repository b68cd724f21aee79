// The fixes reconciliation makes, each checked again against the current row and object right
// before it is made: the listing is minutes old by then, and uploads, moves and deletes go on.
import { db } from "../db";
import { ObjectNotFoundError, type DriverName } from "../storage";
import type { StorageDriver } from "../storage/types";
import { fileKeyOfThumbnail } from "../files/thumbnail-keys";

/** Whether a File row, a thumbnail or a pending deletion names `key` now (then it is no orphan). */
export async function isNamedKey(driver: DriverName, key: string): Promise<boolean> {
  if (await db.file.findUnique({ where: { storageKey: key }, select: { id: true } })) return true;
  const thumbnailOf = fileKeyOfThumbnail(key);
  if (
    thumbnailOf &&
    (await db.file.count({ where: { storageKey: thumbnailOf, OR: [{ thumbnailKey: key }, { previewKey: key }] } }))
  )
    return true;
  if (await db.fileVersion.findUnique({ where: { storageKey: key }, select: { id: true } })) return true;
  return (await db.storageCleanup.count({ where: { driver, key } })) > 0;
}

/** The stored size at `key`, or null when nothing is stored there. */
async function storedSize(driver: StorageDriver, key: string): Promise<number | null> {
  try {
    return (await driver.stat(key)).size;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
}

/** The READY row of this driver at this key, if it still is one. */
function currentRow(driver: StorageDriver, fileId: string, key: string) {
  return db.file.findFirst({
    where: { id: fileId, storageKey: key, driver: driver.name, status: "READY" },
    select: { size: true, missingAt: true },
  });
}

/** Marks the file unavailable when its bytes are still gone (or of the wrong size). */
export async function markMissing(driver: StorageDriver, fileId: string, key: string): Promise<boolean> {
  const row = await currentRow(driver, fileId, key);
  if (!row || row.missingAt) return false;
  const size = await storedSize(driver, key);
  if (size !== null && BigInt(size) === row.size) return false; // back meanwhile
  const { count } = await db.file.updateMany({
    where: { id: fileId, storageKey: key, driver: driver.name, missingAt: null },
    data: { missingAt: new Date() },
  });
  return count === 1;
}

/** Clears the mark when the right bytes are stored again. */
export async function clearMissing(driver: StorageDriver, fileId: string, key: string): Promise<boolean> {
  const row = await currentRow(driver, fileId, key);
  if (!row?.missingAt) return false;
  const size = await storedSize(driver, key);
  if (size === null || BigInt(size) !== row.size) return false;
  const { count } = await db.file.updateMany({
    where: { id: fileId, storageKey: key, driver: driver.name, missingAt: { not: null } },
    data: { missingAt: null },
  });
  return count === 1;
}
