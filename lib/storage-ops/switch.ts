// The switch of a migrated file's row to its new driver (migrate.ts copies and verifies first).
// One conditional UPDATE per file, only while the row still names the same driver, key, thumbnail and
// status (a rename or a move to the trash does not matter); in the same transaction the source copy's
// deletion is booked after a grace period, so download URLs handed out before the switch keep working.
import type { File } from "../generated/prisma/client";
import { db, type Prisma } from "../db";
import { DOWNLOAD_URL_SECONDS } from "../files/get";
import { getDriver, type DriverName } from "../storage";
import { mirrorDriverName } from "./mirror";
import { renditionKeys } from "../files/thumbnail-keys";

/** How long the source copy outlives the switch: the longest download URL, plus an hour for downloads it started. */
export const SOURCE_GRACE_MS = (DOWNLOAD_URL_SECONDS + 3600) * 1000;

/**
 * Switches share transactions: the first verified file commits at once, and those verified while it
 * commits gather for the next one (one commit for several small files; each keeps its own UPDATE).
 */
export function switchBatcher(from: DriverName, to: DriverName): (file: File) => Promise<boolean> {
  const waiting: { file: File; done: (switched: boolean) => void; fail: (error: unknown) => void }[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (waiting.length) {
      const batch = waiting.splice(0, 50);
      try {
        const results = await db.$transaction(async (tx) => {
          const out: boolean[] = [];
          for (const { file } of batch) out.push(await switchDriver(tx, file, from, to));
          return out;
        });
        batch.forEach((w, i) => w.done(results[i]!));
      } catch (error) {
        for (const w of batch) w.fail(error);
      }
    }
    draining = false;
  };
  return (file) =>
    new Promise<boolean>((done, fail) => {
      waiting.push({ file, done, fail });
      if (!draining) void drain();
    });
}

/**
 * The one conditional UPDATE, with the source copy's delayed deletion in the same transaction.
 * When the source driver is the backup mirror, the source copy stays as the file's mirror copy.
 */
async function switchDriver(
  tx: Prisma.TransactionClient,
  file: File,
  from: DriverName,
  to: DriverName,
): Promise<boolean> {
  const mirror = mirrorDriverName();
  const keys = [file.storageKey, ...renditionKeys(file)];
  const { count } = await tx.file.updateMany({
    where: {
      id: file.id,
      driver: from,
      storageKey: file.storageKey,
      thumbnailKey: file.thumbnailKey,
      previewKey: file.previewKey,
      status: "READY",
    },
    data: {
      driver: to,
      ...(from === mirror ? { mirroredAt: new Date() } : to === mirror ? { mirroredAt: null } : {}),
    },
  });
  if (count === 0) return false;
  // An earlier move away from `to` booked these keys there for deletion: they are live again.
  await tx.storageCleanup.deleteMany({ where: { driver: to, key: { in: keys } } });
  if (from !== mirror) {
    const notBefore = new Date(Date.now() + SOURCE_GRACE_MS);
    await tx.storageCleanup.createMany({ data: keys.map((key) => ({ driver: from, key, notBefore })) });
  }
  if (from === mirror || to === mirror) await tx.mirrorJob.deleteMany({ where: { fileId: file.id } });
  return true;
}

/** The row changed while copying: the new copy goes unless it is (now) the live or the mirror copy. */
export async function forgetCopy(file: File, to: DriverName): Promise<void> {
  const row = await db.file.findUnique({ where: { id: file.id }, select: { driver: true, mirroredAt: true } });
  if (row && (row.driver === to || (row.mirroredAt && mirrorDriverName() === to))) return;
  for (const key of [file.storageKey, ...renditionKeys(file)]) {
    await getDriver(to)
      .delete(key)
      .catch(() => db.storageCleanup.create({ data: { driver: to, key, notBefore: new Date() } }));
  }
}
