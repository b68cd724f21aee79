// Deleting the bytes of discarded uploads, now and again later: a signed single PUT to a bucket
// stays usable until its URL expires, whatever the books say, so the key is deleted once more
// after that. App-served URLs are refused as soon as the upload is closed (writableKey).
import { db } from "../db";
import { log } from "../log";
import { getDriver } from "../storage";
import { mirrorDriverName } from "../storage-ops/mirror";
import type { DriverName, StorageDriver } from "../storage/types";

/** Longest a signed upload URL lives (part URLs), plus time for a started transfer to finish. */
export const UPLOAD_URL_MAX_SECONDS = 3600;
export const LAST_WRITE_GRACE_MS = (UPLOAD_URL_MAX_SECONDS + 3600) * 1000;

export async function deleteStoredBytes(driver: StorageDriver, key: string, multipartId: string | null): Promise<void> {
  if (multipartId) await driver.abortMultipart({ key, uploadId: multipartId });
  await driver.delete(key);
}

/** The cleanup pass of the sweeper: keys whose last signed URL has expired. */
export async function runDueCleanups(now = new Date()): Promise<{ deleted: number; failed: number }> {
  let deleted = 0;
  let failed = 0;
  let after = "";
  for (;;) {
    const due = await db.storageCleanup.findMany({
      where: { notBefore: { lte: now }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: 100,
    });
    if (due.length === 0) break;
    for (const row of due) {
      after = row.id;
      try {
        if (await stillInUse(row.driver, row.key)) log.info("cleanup: key in use again, kept", { key: row.key });
        else await deleteStoredBytes(getDriver(row.driver as DriverName), row.key, row.multipartId);
        await db.storageCleanup.deleteMany({ where: { id: row.id } });
        deleted++;
      } catch (error) {
        failed++;
        log.warn("cleanup: could not delete stored bytes; will retry", { key: row.key, error: String(error) });
      }
    }
  }
  return { deleted, failed };
}

/**
 * Whether a File row uses `key` on `driver` (its own copy or its mirror copy): a file migrated away
 * and back within the grace period must not lose the copy that is live again.
 */
async function stillInUse(driver: string, key: string): Promise<boolean> {
  const storageKey = key.replace(/\.thumb\.[a-z]+$/, "");
  const file = await db.file.findUnique({
    where: { storageKey },
    select: { driver: true, mirroredAt: true, thumbnailKey: true, status: true },
  });
  if (!file || file.status !== "READY" || (key !== storageKey && file.thumbnailKey !== key)) return false;
  return file.driver === driver || (!!file.mirroredAt && mirrorDriverName() === driver);
}

/** Whether bytes may still be written at `key`: its upload exists and has not expired. */
export async function writableKey(key: string): Promise<boolean> {
  const file = await db.file.findUnique({
    where: { storageKey: key },
    select: { status: true, upload: { select: { expiresAt: true } } },
  });
  return file?.status === "PENDING" && !!file.upload && file.upload.expiresAt.getTime() > Date.now();
}
