// Aborts uploads past their expiry, the same way DELETE /api/uploads/{id} does, purges what has
// been in the trash longer than TRASH_DAYS and versions past their retention (lib/versions), then deletes the bytes of discarded uploads whose last
// signed URL has expired (and of purged files that could not be deleted at once), and forgets old
// audit events and sign-in sessions long expired. Idempotent, and
// safe with several app instances: each session is claimed by deleting its row, each purged file
// is counted by the one transaction that deleted its row.
import { db } from "../db";
import { env } from "../env";
import { purgeOldAuditEvents } from "../admin/audit";
import { purgeOldSessions } from "../auth/sessions";
import { systemActor, type Actor } from "../files/access";
import { purgeTrash } from "../files/purge";
import { log } from "../log";
import { runStorageJobs } from "../storage-ops/jobs";
import { removeCrashLeftovers, runDueCleanups } from "./cleanup";
import { applyVersionRetention } from "../versions/retention";
import { findUpload } from "./find";
import { discardUpload } from "./discard";

const BATCH = 100;
const SWEEPER: Actor = systemActor("upload expiry");

/** What has been in the trash for more than TRASH_DAYS, for good (nothing when TRASH_DAYS=0). */
async function purgeOldTrash(now: Date): Promise<{ files: number; folders: number; failed: number }> {
  const days = env().TRASH_DAYS;
  if (days === 0) return { files: 0, folders: 0, failed: 0 };
  try {
    return {
      ...(await purgeTrash(systemActor("trash expiry"), new Date(now.getTime() - days * 86_400_000))),
      failed: 0,
    };
  } catch (error) {
    log.warn("sweep: could not purge old trash; will retry", { error: String(error) });
    return { files: 0, folders: 0, failed: 1 };
  }
}

export async function sweepExpiredUploads(
  now = new Date(),
): Promise<{ aborted: number; failed: number; purged: number }> {
  let aborted = 0;
  let failed = 0;
  // Keyset pagination: rows that fail stay behind the cursor, so they never block the rest.
  let cursor: { expiresAt: Date; id: string } | null = null;
  for (;;) {
    // Every owner's expired uploads: the sweeper acts as the system (each is then loaded as SWEEPER).
    const expired: { id: string; expiresAt: Date }[] = await db.upload.findMany({
      where: {
        expiresAt: { lte: now },
        ...(cursor
          ? { OR: [{ expiresAt: { gt: cursor.expiresAt } }, { expiresAt: cursor.expiresAt, id: { gt: cursor.id } }] }
          : {}),
      },
      select: { id: true, expiresAt: true },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: BATCH,
    });
    if (expired.length === 0) break;
    for (const row of expired) {
      cursor = row;
      try {
        if (await discardUpload(await findUpload(SWEEPER, row.id), "expired")) aborted++;
      } catch (error) {
        // Another instance may have ended it between our read and our claim; anything else waits for the next sweep.
        if ((error as { code?: string }).code !== "not_found") {
          failed++;
          log.warn("sweep: could not abort an expired upload", { uploadId: row.id, error: String(error) });
        }
      }
    }
  }
  const trash = await purgeOldTrash(now);
  const versions = await applyVersionRetention(now).catch((error: unknown) => {
    log.warn("sweep: could not apply version retention; will retry", { error: String(error) });
    return 0;
  });
  await runStorageJobs(); // backup mirror copies, files returning from the local fallback
  const cleanup = await runDueCleanups(now);
  await removeCrashLeftovers(now);
  await purgeOldAuditEvents(now);
  await purgeOldSessions(now);
  if (aborted || failed || trash.files || trash.folders || versions || cleanup.deleted || cleanup.failed) {
    log.info("sweep finished", { aborted, failed, trash, versions, cleanup });
  }
  return { aborted, failed: failed + trash.failed + cleanup.failed, purged: trash.files + trash.folders };
}
