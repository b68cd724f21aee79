// POST /api/uploads/batch/complete: many single-PUT uploads completed in one transaction. Each
// upload ends as its own complete would (the stored object checked against the declared size,
// a repeated complete answered with the file); the books move for all of them in one statement.
import { db } from "../db";
import { conflict, gone, invalid, notFound } from "../errors";
import { commitBytes } from "../quota";
import { getDriver } from "../storage";
import type { DriverName } from "../storage/types";
import { formatBytes } from "../bytes";
import { fileJsonSelect, toFileJson } from "../files/json";
import { auditMany, fileScope, ownerIdOf, uploadScope, type Actor } from "../files/access";
import { enqueueMirror } from "../storage-ops/mirror";
import { discardUpload } from "./discard";
import { completeUpload } from "./complete";
import { findUpload } from "./find";

type FileJson = ReturnType<typeof toFileJson>;
export type BatchCompleted = { ok: true; file: FileJson } | { ok: false; error: unknown };

/** Failed uploads discarded at once, a few at a time. */
const DISCARD_CONCURRENCY = 16;

/** Another complete, abort or the sweeper ended one of the sessions first: each is then done alone. */
class LostClaim extends Error {}

async function mapLimited<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function completeUploadBatch(actor: Actor, uploadIds: string[]): Promise<BatchCompleted[]> {
  ownerIdOf(actor); // only the owner completes an upload
  const ids = [...new Set(uploadIds)];
  const rows = await db.upload.findMany({
    where: { AND: [{ id: { in: ids } }, uploadScope(actor)] },
    // Only what is read below: Prisma maps every selected column of every row.
    select: {
      id: true,
      ownerId: true,
      fileId: true,
      size: true,
      expiresAt: true,
      multipartId: true,
      replacesFileId: true,
      file: { select: { driver: true, storageKey: true } },
    },
  });
  const done = new Map<string, BatchCompleted>();

  // Sessions no longer there: completed by an earlier call whose answer was lost, or unknown.
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) {
    const files = await db.file.findMany({
      where: { AND: [{ id: { in: missing } }, fileScope(actor, "any")] },
      select: fileJsonSelect,
    });
    for (const id of missing) {
      const file = files.find((f) => f.id === id);
      done.set(id, file ? { ok: true, file: toFileJson(file) } : { ok: false, error: notFound("Upload") });
    }
  }

  const now = Date.now();
  const sizes = await storedSizes(rows);
  const checked = await mapLimited(rows, DISCARD_CONCURRENCY, async (row) => {
    if (row.multipartId)
      return invalid("A multipart upload is completed with POST /api/uploads/{id}/complete and its parts.");
    if (row.expiresAt.getTime() <= now) return gone("This upload has expired and was not kept. Upload the file again.");
    const size = sizes.get(row.id) ?? null;
    if (size === Number(row.size)) return null;
    // Gone meanwhile: another complete or abort of it (a retried request) ended it first.
    const session = await findUpload(actor, row.id).catch(() => null);
    if (session) await discardUpload(session, size === null ? "missing object" : "wrong size");
    return conflict(
      size === null
        ? "No bytes were stored for this upload. It was not kept; upload it again."
        : `The stored file has ${formatBytes(size)} but ${formatBytes(Number(row.size))} were declared. It was not kept; upload it again.`,
    );
  });
  const ready = rows.filter((row, i) => {
    const error = checked[i];
    if (error) done.set(row.id, { ok: false, error });
    return !error && !row.replacesFileId;
  });
  // An upload that replaces a file (lib/versions) is completed on its own, the way it was created.
  for (const row of rows.filter((r, i) => !checked[i] && r.replacesFileId)) {
    done.set(
      row.id,
      await completeUpload(actor, row.id).then(
        ({ file }) => ({ ok: true, file }),
        (e: unknown) => ({ ok: false, error: e }),
      ),
    );
  }

  if (ready.length > 0) {
    try {
      for (const file of await commitAll(actor, ready)) done.set(file.id, { ok: true, file: toFileJson(file) });
    } catch (error) {
      if (!(error instanceof LostClaim)) throw error;
      for (const row of ready) {
        done.set(
          row.id,
          await completeUpload(actor, row.id).then(
            ({ file }) => ({ ok: true, file }),
            (e: unknown) => ({ ok: false, error: e }),
          ),
        );
      }
    }
  }
  return uploadIds.map((id) => done.get(id)!);
}

/**
 * The stored size of each single-PUT session's object (null: none stored), asked of each driver once
 * for all its keys (one log line for a batch on the local driver, not one per file).
 */
async function storedSizes(
  rows: { id: string; multipartId: string | null; file: { driver: string; storageKey: string } }[],
): Promise<Map<string, number | null>> {
  const byDriver = new Map<string, typeof rows>();
  for (const row of rows) {
    if (row.multipartId) continue;
    const group = byDriver.get(row.file.driver);
    if (group) group.push(row);
    else byDriver.set(row.file.driver, [row]);
  }
  const sizes = new Map<string, number | null>();
  for (const [name, group] of byDriver) {
    const driver = await getDriver(name as DriverName);
    const found = await driver.sizes(group.map((r) => r.file.storageKey));
    group.forEach((row, i) => sizes.set(row.id, found[i]!));
  }
  return sizes;
}

/** Claims every session, makes its file READY and moves the bytes, all or none. */
async function commitAll(actor: Actor, ready: { id: string; ownerId: string; fileId: string; size: bigint }[]) {
  const ownerId = ready[0]!.ownerId;
  return db.$transaction(async (tx) => {
    // The claim, as in completeUpload: only one of complete, abort and the sweeper ends a session.
    const { count } = await tx.upload.deleteMany({
      where: { id: { in: ready.map((r) => r.id) }, expiresAt: { gt: new Date() } },
    });
    if (count !== ready.length) throw new LostClaim();
    const files = await tx.file.updateManyAndReturn({
      where: { id: { in: ready.map((r) => r.fileId) } },
      data: { status: "READY" },
      select: { ...fileJsonSelect, driver: true },
    });
    const total = ready.reduce((sum, r) => sum + Number(r.size), 0);
    await commitBytes(ownerId, total, tx, ready.length);
    await auditMany(
      tx,
      actor,
      "file.upload",
      files.map((f) => ({ target: f.id, details: { name: f.name, size: Number(f.size), folderId: f.folderId } })),
    );
    for (const file of files) await enqueueMirror(tx, file.id, file.driver);
    return files;
  });
}
