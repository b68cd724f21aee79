// Deleting files for good. The books come first and all at once: in one transaction the row goes,
// its owner's usedBytes and fileCount go down, and each of its keys (the file, its thumbnail) is
// booked in StorageCleanup. The bytes are deleted right after the commit through the file's own
// driver; whatever cannot be deleted then (the store is down) stays booked and the sweeper's
// cleanup pass retries it (lib/uploads/cleanup.ts). So a failure can leave bytes for later, but
// never a row without bytes or bytes that nobody counts.
import crypto from "node:crypto";
import { db, type Prisma } from "../db";
import type { File } from "../generated/prisma/client";
import { log } from "../log";
import { getDriver } from "../storage";
import { copiesOf } from "../storage-ops/mirror";
import type { DriverName } from "../storage/types";
import { audit, fileScope, findFolder, folderScope, systemActor, type Actor } from "./access";
import { subtreeIds } from "./tree";
import { sliced, slicedCount } from "./slices";
import { renditionKeys } from "./thumbnail-keys";

type Tx = Prisma.TransactionClient;
export type Cleanup = { id: string; driver: string; key: string; notBefore: Date };

/** In the caller's transaction: removes these READY files and frees their owners' space. */
export async function purgeRows(tx: Tx, files: File[]): Promise<Cleanup[]> {
  const cleanups: Cleanup[] = [];
  const freed = new Map<string, { bytes: bigint; count: number; versionBytes: bigint }>();
  const now = new Date();
  for (const listed of files) {
    // The driver as it is now: a migration may have switched it since the list was read.
    const file = (await tx.file.findUnique({ where: { id: listed.id } })) ?? listed;
    // Its older versions go with it (the rows by the cascade): read before the row goes.
    const versions = await tx.fileVersion.findMany({ where: { fileId: file.id } });
    // Counted only by the caller that removed the row (a concurrent purge finds nothing to remove).
    const { count } = await tx.file.deleteMany({ where: { id: file.id, status: "READY" } });
    if (count === 0) continue;
    const owner = freed.get(file.ownerId) ?? { bytes: 0n, count: 0, versionBytes: 0n };
    const versionBytes = versions.reduce((sum, v) => sum + v.size, 0n);
    // Its renditions' bytes were counted too (null: none, or stored before they were counted).
    const bytes = file.size + BigInt(file.thumbnailBytes ?? 0) + BigInt(file.previewBytes ?? 0) + versionBytes;
    freed.set(file.ownerId, {
      bytes: owner.bytes + bytes,
      count: owner.count + 1,
      versionBytes: owner.versionBytes + versionBytes,
    });
    for (const version of versions) {
      for (const driver of copiesOf(version))
        cleanups.push({ id: crypto.randomUUID(), driver, key: version.storageKey, notBefore: now });
    }
    // Its own driver's copy and the backup mirror's.
    for (const driver of copiesOf(file)) {
      for (const key of [file.storageKey, ...renditionKeys(file)]) {
        if (key) cleanups.push({ id: crypto.randomUUID(), driver, key, notBefore: now });
      }
    }
  }
  for (const [ownerId, { bytes, count, versionBytes }] of freed) {
    await tx.user.update({
      where: { id: ownerId },
      data: {
        usedBytes: { decrement: bytes },
        fileCount: { decrement: count },
        versionBytes: { decrement: versionBytes },
      },
    });
  }
  if (cleanups.length) await tx.storageCleanup.createMany({ data: cleanups });
  return cleanups;
}

/**
 * In the caller's transaction: a folder, everything below it and every file in them, for good.
 * Uploads still running into it are not the trash's to delete: they land in the root.
 */
export async function purgeFolderRows(tx: Tx, actor: Actor, folderId: string): Promise<Cleanup[]> {
  const folder = await findFolder(actor, folderId, "any", tx);
  const ids = await subtreeIds(tx, actor, folder.id, "any");
  const files = await sliced(ids, (slice) =>
    tx.file.findMany({ where: { AND: [fileScope(actor, "any"), { folderId: { in: slice }, status: "READY" }] } }),
  );
  await slicedCount(ids, (slice) =>
    tx.file.updateMany({
      where: { AND: [fileScope(systemActor("purge folder"), "any"), { folderId: { in: slice }, status: "PENDING" }] },
      data: { folderId: null, deletedAt: null, trashGroup: null },
    }),
  );
  const cleanups = await purgeRows(tx, files);
  // Deepest first (a parent deleted first would take its children along through the cascade anyway).
  await slicedCount([...ids].reverse(), (slice) => tx.folder.deleteMany({ where: { id: { in: slice } } }));
  await audit(tx, actor, "folder.purge", folder.id, { name: folder.name, folders: ids.length, files: files.length });
  return cleanups;
}

/** Deletes running at once: a big trash empties in minutes, not hours, on a remote store. */
const PARALLEL_DELETES = 8;

/** After the commit: deletes the bytes now; what fails stays booked for the sweeper. */
export async function deleteBytesNow(cleanups: Cleanup[]): Promise<void> {
  const queue = [...cleanups];
  const worker = async () => {
    for (let cleanup = queue.shift(); cleanup; cleanup = queue.shift()) {
      try {
        await getDriver(cleanup.driver as DriverName).delete(cleanup.key);
        await db.storageCleanup.deleteMany({ where: { id: cleanup.id } });
      } catch (error) {
        log.warn("purge: bytes left for the cleanup pass", { key: cleanup.key, error: String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DELETES, queue.length) }, worker));
}

/** Runs a purging change in one transaction, then deletes the bytes it freed. */
export async function purging<T>(change: (tx: Tx) => Promise<{ result: T; cleanups: Cleanup[] }>): Promise<T> {
  const { result, cleanups } = await db.$transaction(change, { timeout: 120_000 });
  await deleteBytesNow(cleanups);
  return result;
}

const BATCH = 200;

/**
 * Everything in the trash of `actor` (a user: their own; the system: everyone's), optionally only
 * what went there before `before`. Folder roots first (their contents go with them), then files,
 * in batches so no transaction grows without bound.
 */
export async function purgeTrash(actor: Actor, before?: Date): Promise<{ files: number; folders: number }> {
  const older = before ? { deletedAt: { lt: before } } : {};
  let folders = 0;
  for (;;) {
    const roots = await db.folder.findMany({
      where: { AND: [folderScope(actor, "trashed"), older, { trashGroup: { equals: db.folder.fields.id } }] },
      select: { id: true },
      take: 20,
    });
    if (!roots.length) break;
    await purging(async (tx) => {
      const cleanups: Cleanup[] = [];
      for (const root of roots) cleanups.push(...(await purgeFolderRows(tx, actor, root.id)));
      return { result: null, cleanups };
    });
    folders += roots.length;
  }
  let files = 0;
  for (;;) {
    const batch = await db.file.findMany({
      where: { AND: [fileScope(actor, "trashed"), older, { status: "READY" }] },
      take: BATCH,
    });
    if (!batch.length) break;
    files += await purging(async (tx) => {
      const cleanups = await purgeRows(tx, batch);
      await audit(tx, actor, "trash.purge", null, { files: batch.length });
      return { result: batch.length, cleanups };
    });
  }
  return { files, folders };
}
