// Aborts uploads past their expiry, the same way DELETE /api/uploads/{id} does, then deletes
// the bytes of discarded uploads whose last signed URL has expired. Idempotent, and safe with
// several app instances: each session is claimed by deleting its row.
import { db } from "../db";
import { log } from "../log";
import { runDueCleanups } from "./cleanup";
import { findUpload } from "./find";
import { discardUpload } from "./discard";

const BATCH = 100;

export async function sweepExpiredUploads(now = new Date()): Promise<{ aborted: number; failed: number }> {
  let aborted = 0;
  let failed = 0;
  // Keyset pagination: rows that fail stay behind the cursor, so they never block the rest.
  let cursor: { expiresAt: Date; id: string } | null = null;
  for (;;) {
    const expired: { id: string; expiresAt: Date }[] = await db.upload.findMany({
      where: {
        expiresAt: { lte: now },
        ...(cursor ? { OR: [{ expiresAt: { gt: cursor.expiresAt } }, { expiresAt: cursor.expiresAt, id: { gt: cursor.id } }] } : {}),
      },
      select: { id: true, expiresAt: true },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: BATCH,
    });
    if (expired.length === 0) break;
    for (const row of expired) {
      cursor = row;
      try {
        if (await discardUpload(await findUpload(null, row.id), "expired")) aborted++;
      } catch (error) {
        // Another instance may have ended it between our read and our claim; anything else waits for the next sweep.
        if ((error as { code?: string }).code !== "not_found") {
          failed++;
          log.warn("sweep: could not abort an expired upload", { uploadId: row.id, error: String(error) });
        }
      }
    }
  }
  const cleanup = await runDueCleanups(now);
  if (aborted || failed || cleanup.deleted || cleanup.failed) log.info("sweep finished", { aborted, failed, cleanup });
  return { aborted, failed: failed + cleanup.failed };
}
