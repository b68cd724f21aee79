// Storing a file's bytes through WebDAV (PUT, COPY, an empty file for LOCK on a new name), with the
// quota exact and nothing left behind by a failure. Like an API upload, the file starts as a
// PENDING row with an Upload session holding its reservation (so the sweeper releases whatever a
// crash leaves); it becomes READY, and replaces the file it overwrites, in one transaction.
// - Known length: the whole length is reserved first (507 when it does not fit; an overwrite
//   reserves only what it adds), then the body streams into the store as it arrives.
// - Unknown length (chunked): space is reserved as bytes arrive, and the body goes to the store as
//   a multipart upload, one part (PART_SIZE, held in memory) at a time; 507 the moment it no longer fits.
import { db } from "../db";
import { env } from "../env";
import type { File } from "../generated/prisma/client";
import { actorId, audit, fileScope, ownerIdOf, type Actor } from "../files/access";
import type { Prisma } from "../db";
import { lockLiveFile, swapContent } from "../versions/replace";
import { purgeRows, purging } from "../files/purge";
import { reserveBytes } from "../quota";
import { driverForNewUpload, getDriver } from "../storage";
import { newStorageKey } from "../storage/keys";
import type { ByteSource, CompletedPart } from "../storage/types";
import { enqueueMirror } from "../storage-ops/mirror";
import { discardUpload } from "../uploads";
import { conflict } from "../errors";
import { insufficientStorage } from "./status";

/** Parts of a chunked PUT (S3 needs at least 5 MiB for all parts but the last). */
export const PART_SIZE = 8 * 1024 * 1024;
/** A chunked PUT reserves this much ahead while it fits, else exactly what has arrived. */
const RESERVE_STEP = 1024 * 1024;

type Tx = Prisma.TransactionClient;

export interface StoreTarget {
  folderId: string | null;
  name: string;
  /** The live file this one replaces, if any. */
  replaces: File | null;
}

const EMPTY: ByteSource = (async function* () {})();

/** Stores `body` (exactly `length` bytes, or as many as come when null) as the file `target` names. */
export async function storeFile(
  actor: Actor,
  target: StoreTarget,
  body: ByteSource | null,
  length: number | null,
  type: string,
): Promise<File> {
  const ownerId = ownerIdOf(actor);
  const driver = getDriver((await driverForNewUpload()).name);
  const key = newStorageKey(ownerId);
  // An overwrite frees the old bytes when it lands, unless they stay as a version (lib/versions).
  const credit = env().VERSIONS_KEEP > 0 ? 0 : Number(target.replaces?.size ?? 0n);
  const need = (bytes: number) => Math.max(0, bytes - credit);
  let reserved = length === null ? 0 : need(length);
  const pending = await db.$transaction(async (tx) => {
    if (reserved > 0 && !(await reserveBytes(ownerId, reserved, tx))) return null;
    const file = await tx.file.create({
      data: {
        ownerId,
        folderId: target.folderId,
        name: target.name,
        size: BigInt(length ?? 0),
        type,
        storageKey: key,
        driver: driver.name,
      },
    });
    await tx.upload.create({
      data: {
        id: file.id,
        fileId: file.id,
        ownerId,
        size: BigInt(reserved),
        partSize: length === null ? PART_SIZE : null,
        expiresAt: new Date(Date.now() + env().UPLOAD_EXPIRY_SECONDS * 1000),
      },
    });
    return file;
  });
  if (!pending) throw insufficientStorage("Not enough space for this file.");
  let multipartId: string | null = null;
  const session = () => ({
    id: pending.id,
    ownerId,
    fileId: pending.id,
    multipartId,
    partSize: null,
    partCount: null,
    size: reserved,
    expiresAt: new Date(),
    key,
    name: target.name,
    type,
    driver,
    replacesFileId: null,
    requestId: null,
  });
  /** Grows the reservation to cover `bytes` received (overwrites: beyond the old size). */
  const cover = async (bytes: number) => {
    const wanted = need(bytes);
    if (wanted <= reserved) return;
    for (const step of [Math.max(wanted - reserved, RESERVE_STEP), wanted - reserved]) {
      const ok = await db.$transaction(async (tx) => {
        if (!(await reserveBytes(ownerId, step, tx))) return false;
        await tx.upload.update({ where: { id: pending.id }, data: { size: { increment: BigInt(step) } } });
        return true;
      });
      if (ok) {
        reserved += step;
        return;
      }
    }
    throw insufficientStorage("Not enough space: the upload was stopped and nothing was kept.");
  };

  try {
    let size: number;
    if (length !== null) {
      await driver.putObject({ key, body: body ?? EMPTY, size: length, type });
      size = length;
    } else {
      multipartId = (await driver.createMultipart({ key, type, partSize: PART_SIZE })).uploadId;
      await db.upload.update({ where: { id: pending.id }, data: { multipartId } });
      size = await streamParts(body ?? EMPTY, cover, (partNumber, part) =>
        driver.putPart({
          key,
          uploadId: multipartId!,
          partNumber,
          body: (async function* () {
            yield part;
          })(),
          size: part.byteLength,
        }),
      ).then(async ({ size, parts }) => {
        await driver.completeMultipart({ key, uploadId: multipartId!, parts });
        return size;
      });
    }
    return await commit(actor, target, pending, reserved, size);
  } catch (error) {
    await discardUpload(session(), "webdav put failed").catch(() => undefined);
    throw error;
  }
}

/** Reads `body` into parts of PART_SIZE, covering each with quota before it is stored. */
async function streamParts(
  body: ByteSource,
  cover: (bytes: number) => Promise<void>,
  put: (partNumber: number, part: Uint8Array) => Promise<{ etag: string }>,
): Promise<{ size: number; parts: CompletedPart[] }> {
  const parts: CompletedPart[] = [];
  let buffer = Buffer.allocUnsafe(PART_SIZE);
  let filled = 0;
  let size = 0;
  const flush = async () => {
    const partNumber = parts.length + 1;
    parts.push({ partNumber, etag: (await put(partNumber, buffer.subarray(0, filled))).etag });
    buffer = Buffer.allocUnsafe(PART_SIZE);
    filled = 0;
  };
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    await cover(size + chunk.byteLength);
    size += chunk.byteLength;
    for (let offset = 0; offset < chunk.byteLength;) {
      const n = Math.min(PART_SIZE - filled, chunk.byteLength - offset);
      buffer.set(chunk.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === PART_SIZE) await flush();
    }
  }
  if (filled > 0 || parts.length === 0) await flush();
  return { size, parts };
}

/** The pending file becomes READY in place of the one it replaces; reserved bytes become used. */
async function commit(actor: Actor, target: StoreTarget, pending: File, reserved: number, size: number): Promise<File> {
  return purging(async (tx) => {
    const { count } = await tx.upload.deleteMany({ where: { id: pending.id } });
    if (count === 0) throw conflict("The upload expired before it finished.");
    const clash = await tx.file.findFirst({
      where: { AND: [fileScope(actor), { folderId: target.folderId, name: target.name }] },
    });
    if (clash && clash.id !== target.replaces?.id)
      throw conflict(`"${target.name}" was created meanwhile by someone else.`);
    if (clash && env().VERSIONS_KEEP > 0) return replaceKeepingVersion(tx, actor, clash, pending, reserved, size);
    const cleanups = clash ? await purgeRows(tx, [clash]) : [];
    if (clash) {
      await tx.davProperty.updateMany({
        where: { fileId: clash.id },
        data: { fileId: pending.id, target: `file:${pending.id}` },
      });
    }
    const ready = await tx.file.update({ where: { id: pending.id }, data: { status: "READY", size: BigInt(size) } });
    await tx.user.update({
      where: { id: pending.ownerId },
      data: {
        reservedBytes: { decrement: BigInt(reserved) },
        usedBytes: { increment: BigInt(size) },
        fileCount: { increment: 1 },
        lastUploadAt: new Date(),
      },
    });
    await audit(tx, actor, "file.upload", ready.id, {
      name: ready.name,
      size,
      folderId: ready.folderId,
      via: "webdav",
      replaced: clash?.id,
    });
    await enqueueMirror(tx, ready.id, ready.driver);
    return { result: ready, cleanups };
  });
}

/** An overwrite that keeps the replaced bytes as a version: the file keeps its id, links and properties. */
async function replaceKeepingVersion(tx: Tx, actor: Actor, clash: File, pending: File, reserved: number, size: number) {
  const target = await lockLiveFile(tx, actor, clash.id);
  if (!target) throw conflict(`"${clash.name}" was removed meanwhile.`);
  await tx.file.delete({ where: { id: pending.id } });
  const swapped = await swapContent(tx, actor, target, {
    storageKey: pending.storageKey,
    driver: pending.driver,
    size: BigInt(size),
    type: pending.type,
    contentById: actorId(actor),
    contentAt: new Date(),
  });
  await tx.user.update({
    where: { id: pending.ownerId },
    data: {
      reservedBytes: { decrement: BigInt(reserved) },
      usedBytes: { increment: BigInt(size) },
      lastUploadAt: new Date(),
    },
  });
  await audit(tx, actor, "file.replace", target.id, {
    name: target.name,
    size,
    previousSize: Number(target.size),
    via: "webdav",
  });
  return { result: swapped.file, cleanups: swapped.cleanups };
}
