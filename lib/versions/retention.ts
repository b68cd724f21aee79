// The sweeper's pass over versions: drops those replaced more than VERSIONS_DAYS ago and, per file,
// all but the newest VERSIONS_KEEP. Each batch is one transaction (books and cleanup rows together),
// then its bytes are deleted; a version another pass removed first is counted by that pass only.
import { db } from "../db";
import { env } from "../env";
import { systemActor, audit } from "../files/access";
import { purging } from "../files/purge";
import { dropVersionRows } from "./versions";

const BATCH = 200;
const SWEEPER = systemActor("version retention");

type VersionRow = Awaited<ReturnType<typeof db.fileVersion.findMany>>[number];

async function drop(rows: VersionRow[], reason: string): Promise<number> {
  if (!rows.length) return 0;
  return purging(async (tx) => {
    const cleanups = await dropVersionRows(tx, rows);
    await audit(tx, SWEEPER, "file.version.expire", null, { versions: rows.length, reason });
    return { result: rows.length, cleanups };
  });
}

/** Versions past their age or beyond the count to keep, for good. How many went. */
export async function applyVersionRetention(now = new Date()): Promise<number> {
  const { VERSIONS_KEEP: keep, VERSIONS_DAYS: days } = env();
  let dropped = 0;
  if (days > 0) {
    const before = new Date(now.getTime() - days * 86_400_000);
    for (;;) {
      const rows = await db.fileVersion.findMany({ where: { replacedAt: { lt: before } }, take: BATCH });
      if (!rows.length) break;
      dropped += await drop(rows, "age");
    }
  }
  // Files with more versions than they may keep, a page at a time (each page is then trimmed).
  for (;;) {
    const crowded = await db.fileVersion.groupBy({
      by: ["fileId"],
      having: { id: { _count: { gt: keep } } },
      take: BATCH,
      orderBy: { fileId: "asc" },
    });
    if (!crowded.length) break;
    const extra: VersionRow[] = [];
    for (const { fileId } of crowded) {
      extra.push(
        ...(await db.fileVersion.findMany({
          where: { fileId },
          orderBy: [{ replacedAt: "desc" }, { id: "desc" }],
          skip: keep,
        })),
      );
    }
    dropped += await drop(extra, "count");
  }
  return dropped;
}
