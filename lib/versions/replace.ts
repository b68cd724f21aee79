// Replacing a file's bytes while keeping the old ones as a version. The file keeps its id (its
// share links, WebDAV properties and place in the tree stay); the bytes a finished upload stored
// under its own key take the place of the current ones, which become a FileVersion row. Both stay
// counted in the owner's usedBytes (versionBytes says how much of it versions take), so a
// replacement needs quota for the whole new size, reserved when its upload began: exact under races.
import crypto from "node:crypto";
import type { Prisma } from "../db";
import { env } from "../env";
import type { File } from "../generated/prisma/client";
import { actorId, audit, fileScope, type Actor } from "../files/access";
import type { Cleanup } from "../files/purge";
import { renditionKeys } from "../files/thumbnail-keys";
import { copiesOf, enqueueMirror } from "../storage-ops/mirror";
import { enqueueMedia, firstMediaState } from "../media/queue";

type Tx = Prisma.TransactionClient;

/** New bytes, already stored and counted in the owner's usedBytes by the caller. */
export interface NewContent {
  storageKey: string;
  driver: string;
  size: bigint;
  type: string;
}

/**
 * The live file `fileId` of `actor`, its row locked for this transaction (PostgreSQL: the write
 * takes the row lock, so two replacements of one file queue up instead of both versioning the
 * same bytes); null when it is gone or in the trash.
 */
export async function lockLiveFile(tx: Tx, actor: Actor, fileId: string): Promise<File | null> {
  const { count } = await tx.file.updateMany({
    where: { AND: [{ id: fileId }, fileScope(actor)] },
    data: { updatedAt: new Date() },
  });
  if (count === 0) return null;
  return tx.file.findUnique({ where: { id: fileId } });
}

/** Keys to delete after the commit, for bytes no row names any more. */
function cleanupsFor(driver: string, keys: string[], now: Date): Cleanup[] {
  return copiesOf({ driver }).flatMap((d) =>
    keys.map((key) => ({ id: crypto.randomUUID(), driver: d, key, notBefore: now })),
  );
}

/**
 * In the caller's transaction: `file` (locked, see lockLiveFile) gets `content`; its bytes until
 * now become a version (or, with VERSIONS_KEEP=0, are deleted). Its renditions describe the old
 * bytes: they are deleted (their bytes freed) and the media queue makes new ones.
 */
export async function swapContent(
  tx: Tx,
  actor: Actor,
  file: File,
  content: NewContent & { contentById: string | null; contentAt: Date | null; contentUploadId?: string },
): Promise<{ file: File; cleanups: Cleanup[] }> {
  const now = new Date();
  const keep = env().VERSIONS_KEEP > 0;
  const renditionBytes = BigInt(file.thumbnailBytes ?? 0) + BigInt(file.previewBytes ?? 0);
  const cleanups = cleanupsFor(file.driver, renditionKeys(file), now);
  if (keep) {
    await tx.fileVersion.create({
      data: {
        fileId: file.id,
        ownerId: file.ownerId,
        size: file.size,
        type: file.type,
        storageKey: file.storageKey,
        driver: file.driver,
        createdById: file.contentById ?? file.ownerId,
        createdAt: file.contentAt ?? file.createdAt,
        replacedAt: now,
      },
    });
  } else {
    cleanups.push(...cleanupsFor(file.driver, [file.storageKey], now));
  }
  await tx.user.update({
    where: { id: file.ownerId },
    data: keep
      ? { usedBytes: { decrement: renditionBytes }, versionBytes: { increment: file.size } }
      : { usedBytes: { decrement: renditionBytes + file.size } },
  });
  const updated = await tx.file.update({
    where: { id: file.id },
    data: {
      storageKey: content.storageKey,
      driver: content.driver,
      size: content.size,
      type: content.type,
      contentById: content.contentById,
      contentAt: content.contentAt,
      contentUploadId: content.contentUploadId ?? null,
      thumbnailKey: null,
      thumbnailBytes: null,
      previewKey: null,
      previewBytes: null,
      mediaState: firstMediaState(content.type),
      missingAt: null,
      mirroredAt: null,
    },
  });
  if (cleanups.length) await tx.storageCleanup.createMany({ data: cleanups });
  await enqueueMirror(tx, updated.id, updated.driver);
  await enqueueMedia(tx, updated, true);
  return { file: updated, cleanups };
}

/**
 * In the caller's transaction: the finished pending file `pending` (its Upload row already claimed,
 * its bytes already moved from reserved to used) replaces the live file `targetId`. Null when that
 * file is gone or trashed meanwhile: the caller then keeps `pending` as a file of its own.
 */
export async function replaceWithPending(
  tx: Tx,
  actor: Actor,
  targetId: string,
  pending: File,
): Promise<{ file: File; cleanups: Cleanup[] } | null> {
  const target = await lockLiveFile(tx, actor, targetId);
  if (!target) return null;
  // The pending row gives its key up (storageKey is unique) before the file takes it.
  await tx.file.delete({ where: { id: pending.id } });
  const result = await swapContent(tx, actor, target, {
    storageKey: pending.storageKey,
    driver: pending.driver,
    size: pending.size,
    type: pending.type,
    contentById: actorId(actor),
    contentAt: new Date(),
    contentUploadId: pending.id, // the upload shares the pending file's id
  });
  await audit(tx, actor, "file.replace", target.id, {
    name: target.name,
    size: Number(pending.size),
    previousSize: Number(target.size),
  });
  return result;
}
