// A file's older versions: the list (who, when, size), a signed URL to read one, restoring one into
// place (the current bytes become a version: the swap moves keys, never bytes, so a restored
// version is byte-identical) and deleting one. Every call starts from the access layer's findFile,
// so another user's file (or a version of it) answers 404 like a missing one.
import { db } from "../db";
import { notFound } from "../errors";
import { findFile, ownerIdOf, audit, type Actor } from "../files/access";
import { purging, type Cleanup } from "../files/purge";
import { toFileJson } from "../files/json";
import { DOWNLOAD_URL_SECONDS } from "../files/get";
import { safeDisposition } from "../storage/content";
import { getDriver } from "../storage";
import type { DriverName } from "../storage/types";
import { copiesOf } from "../storage-ops/mirror";
import type { FileVersionJson } from "../schemas/versions";
import { lockLiveFile, swapContent } from "./replace";
import crypto from "node:crypto";

export async function listVersions(actor: Actor, fileId: string): Promise<{ items: FileVersionJson[] }> {
  const file = await findFile(actor, fileId);
  const rows = await db.fileVersion.findMany({
    where: { fileId: file.id },
    orderBy: [{ replacedAt: "desc" }, { id: "desc" }],
  });
  const people = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))] } },
    select: { id: true, name: true, email: true },
  });
  return {
    items: rows.map((row) => {
      const who = people.find((p) => p.id === row.createdById);
      return {
        id: row.id,
        size: Number(row.size),
        type: row.type,
        createdAt: row.createdAt.toISOString(),
        replacedAt: row.replacedAt.toISOString(),
        createdBy: who ? { id: who.id, name: who.name, email: who.email } : null,
      };
    }),
  };
}

async function findVersion(actor: Actor, fileId: string, versionId: string) {
  const file = await findFile(actor, fileId);
  const version = await db.fileVersion.findFirst({ where: { id: versionId, fileId: file.id } });
  if (!version) throw notFound("Version");
  return { file, version };
}

/** A short-lived signed GET of a version's bytes, named like the file; inline only for safe types. */
export async function versionDownloadUrl(actor: Actor, fileId: string, versionId: string, inline: boolean) {
  const { file, version } = await findVersion(actor, fileId, versionId);
  const signed = await getDriver(version.driver as DriverName).createDownloadUrl({
    key: version.storageKey,
    filename: file.name,
    type: version.type,
    disposition: safeDisposition(inline ? "inline" : "attachment", version.type),
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
  return signed.url;
}

/** The version's bytes become the file's again; the current ones become a version. */
export async function restoreVersion(actor: Actor, fileId: string, versionId: string) {
  ownerIdOf(actor);
  const { version } = await findVersion(actor, fileId, versionId);
  const file = await purging(async (tx) => {
    const current = await lockLiveFile(tx, actor, fileId);
    // Deleted by a concurrent restore or delete: nothing to restore any more.
    const { count } = await tx.fileVersion.deleteMany({ where: { id: version.id, fileId } });
    if (!current || count === 0) throw notFound("Version");
    await tx.user.update({ where: { id: current.ownerId }, data: { versionBytes: { decrement: version.size } } });
    const swapped = await swapContent(tx, actor, current, {
      storageKey: version.storageKey,
      driver: version.driver,
      size: version.size,
      type: version.type,
      contentById: version.createdById,
      contentAt: version.createdAt,
    });
    await audit(tx, actor, "file.version.restore", current.id, {
      name: current.name,
      versionId: version.id,
      size: Number(version.size),
    });
    return { result: swapped.file, cleanups: swapped.cleanups };
  });
  return { file: toFileJson(file) };
}

/** In the caller's transaction: removes versions and frees their bytes (booked for deletion). */
export async function dropVersionRows(
  tx: Parameters<Parameters<typeof purging>[0]>[0],
  versions: { id: string; ownerId: string; size: bigint; storageKey: string; driver: string }[],
): Promise<Cleanup[]> {
  const cleanups: Cleanup[] = [];
  const now = new Date();
  for (const version of versions) {
    // Counted only by the transaction that removed the row.
    const { count } = await tx.fileVersion.deleteMany({ where: { id: version.id } });
    if (count === 0) continue;
    await tx.user.update({
      where: { id: version.ownerId },
      data: { usedBytes: { decrement: version.size }, versionBytes: { decrement: version.size } },
    });
    for (const driver of copiesOf({ driver: version.driver }))
      cleanups.push({ id: crypto.randomUUID(), driver, key: version.storageKey, notBefore: now });
  }
  if (cleanups.length) await tx.storageCleanup.createMany({ data: cleanups });
  return cleanups;
}

export async function deleteVersion(actor: Actor, fileId: string, versionId: string): Promise<void> {
  ownerIdOf(actor);
  const { file, version } = await findVersion(actor, fileId, versionId);
  await purging(async (tx) => {
    const cleanups = await dropVersionRows(tx, [version]);
    if (cleanups.length === 0) throw notFound("Version");
    await audit(tx, actor, "file.version.delete", file.id, {
      name: file.name,
      versionId: version.id,
      size: Number(version.size),
    });
    return { result: null, cleanups };
  });
}
