// Deleting the bytes of discarded uploads, now and again later: a signed single PUT to a bucket
// stays usable until its URL expires, whatever the books say, so the key is deleted once more
// after that. App-served URLs are refused as soon as the upload is closed (writableKey), and a PUT
// already streaming asks writableKey again just before its bytes move into place, so on the local
// driver only a PUT that passed that last check in the very instant of the discard can land: the
// second delete follows within a minute (the next sweep).
import { db } from "../db";
import { log } from "../log";
import { getDriver } from "../storage";
import type { LocalDriver } from "../storage/local";
import { mirrorDriverName } from "../storage-ops/mirror";
import { fileKeyOfThumbnail, renditionKeys } from "../files/thumbnail-keys";
import type { DriverName, StorageDriver } from "../storage/types";

/** Longest a signed upload URL lives (part URLs), plus time for a started transfer to finish. */
export const UPLOAD_URL_MAX_SECONDS = 3600;
const BUCKET_LAST_WRITE_GRACE_MS = (UPLOAD_URL_MAX_SECONDS + 3600) * 1000;
const APP_SERVED_LAST_WRITE_GRACE_MS = 60_000;

/** How long after a discard no signed URL can write its key any more (then it is deleted once more). */
export function lastWriteGraceMs(driver: DriverName): number {
  return driver === "local" ? APP_SERVED_LAST_WRITE_GRACE_MS : BUCKET_LAST_WRITE_GRACE_MS;
}

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
  const storageKey = fileKeyOfThumbnail(key) ?? key;
  const file = await db.file.findUnique({
    where: { storageKey },
    select: { driver: true, mirroredAt: true, thumbnailKey: true, previewKey: true, status: true },
  });
  if (!file || file.status !== "READY" || (key !== storageKey && !renditionKeys(file).includes(key))) return false;
  return file.driver === driver || (!!file.mirroredAt && mirrorDriverName() === driver);
}

/** Whether bytes may still be written at `key`: its upload exists and has not expired, and its owner is enabled. */
export async function writableKey(key: string): Promise<boolean> {
  // Any owner's: the signed URL's token is the whole authorization (the blob endpoint asks).
  // One statement (a relation filter, not a relation read): asked twice on every PUT, once per part.
  const open = await db.upload.findFirst({
    where: { expiresAt: { gt: new Date() }, file: { storageKey: key, status: "PENDING", owner: { disabledAt: null } } },
    select: { id: true },
  });
  return open !== null;
}

/** writableKey for many keys in one statement (a group PUT of the local driver): every one still open? */
export async function writableKeys(keys: string[]): Promise<boolean> {
  const unique = [...new Set(keys)];
  const open = await db.upload.count({
    where: { expiresAt: { gt: new Date() }, file: { storageKey: { in: unique }, status: "PENDING" } },
  });
  return open === unique.length;
}

/** Temp files a crash left in the local store (no write in any process uses them): removed on every sweep. */
export async function removeCrashLeftovers(now = new Date()): Promise<number> {
  const removed = await (getDriver("local") as LocalDriver).removeIdleTemp(now);
  if (removed) log.info("sweep: removed temp files left by an interrupted write", { removed });
  return removed;
}
