// POST /api/uploads/batch/complete: many single-PUT uploads completed in one transaction. Each
// upload ends as its own complete would (the stored object checked against the declared size,
// a repeated complete answered with the file); the books move for all of them in one statement.
import { db } from "../db";
import { conflict, gone, invalid, notFound } from "../errors";
import { commitBytes } from "../quota";
import { ObjectNotFoundError } from "../storage/errors";
import { getDriver } from "../storage";
import type { DriverName } from "../storage/types";
import { formatBytes } from "../bytes";
import { toFileJson } from "../files/json";
import { auditMany, fileScope, ownerIdOf, uploadScope, type Actor } from "../files/access";
import { enqueueMirror } from "../storage-ops/mirror";
import { discardUpload } from "./discard";
import { completeUpload } from "./complete";
import { findUpload } from "./find";

type FileJson = ReturnType<typeof toFileJson>;
export type BatchCompleted = { ok: true; file: FileJson } | { ok: false; error: unknown };

/** Stats at once against the store (HEADs on S3), a few at a time. */
const STAT_CONCURRENCY = 16;

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
    include: { file: true },
  });
  const done = new Map<string, BatchCompleted>();

  // Sessions no longer there: completed by an earlier call whose answer was lost, or unknown.
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) {
    const files = await db.file.findMany({ where: { AND: [{ id: { in: missing } }, fileScope(actor, "any")] } });
    for (const id of missing) {
      const file = files.find((f) => f.id === id);
      done.set(id, file ? { ok: true, file: toFileJson(file) } : { ok: false, error: notFound("Upload") });
    }
  }

  const now = Date.now();
  const checked = await mapLimited(rows, STAT_CONCURRENCY, async (row) => {
    if (row.multipartId)
      return invalid("A multipart upload is completed with POST /api/uploads/{id}/complete and its parts.");
    if (row.expiresAt.getTime() <= now) return gone("This upload has expired and was not kept. Upload the file again.");
    const driver = await getDriver(row.file.driver as DriverName);
    const size = await driver.stat(row.file.storageKey).then(
      (s) => s.size,
      (error: unknown) => {
        if (error instanceof ObjectNotFoundError) return null;
        throw error;
      },
    );
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
