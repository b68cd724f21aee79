// Aborts uploads past their expiry, the same way DELETE /api/uploads/{id} does. Idempotent,
// and safe with several app instances: each session is claimed by deleting its row.
import { db } from "../db";
import { log } from "../log";
import { findUpload } from "./find";
import { discardUpload } from "./discard";

const BATCH = 100;

export async function sweepExpiredUploads(now = new Date()): Promise<{ aborted: number; failed: number }> {
  let aborted = 0;
  let failed = 0;
  const seen = new Set<string>();
  for (;;) {
    const expired = await db.upload.findMany({
      where: { expiresAt: { lte: now }, id: { notIn: [...seen] } },
      select: { id: true },
      orderBy: { expiresAt: "asc" },
      take: BATCH,
    });
    if (expired.length === 0) break;
    for (const { id } of expired) {
      seen.add(id);
      try {
        if (await discardUpload(await findUpload(null, id), "expired")) aborted++;
      } catch (error) {
        // Another instance may have ended it between our read and our claim; anything else waits for the next sweep.
        if ((error as { code?: string }).code !== "not_found") {
          failed++;
          log.warn("sweep: could not abort an expired upload", { uploadId: id, error: String(error) });
        }
      }
    }
  }
  if (aborted || failed) log.info("sweep finished", { aborted, failed });
  return { aborted, failed };
}
