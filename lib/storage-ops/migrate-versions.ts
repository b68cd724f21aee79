// The older versions' bytes move with their files (migrate.ts runs this after the files): per
// version, copy and verify (copy.ts), then one conditional UPDATE that switches the row only while
// it still names the same driver and key (a restore or a deletion meanwhile leaves it alone), with
// the source copy's deletion booked in the same transaction after the grace period, as for files.
import { db } from "../db";
import { log } from "../log";
import { getDriver, type DriverName } from "../storage";
import { copyObject } from "./copy";
import { SOURCE_GRACE_MS } from "./switch";

const PAGE = 100;

export interface VersionsSummary {
  planned: { versions: number; bytes: number };
  moved: number;
  movedBytes: number;
  changed: number;
  failed: number;
}

type Version = { id: string; storageKey: string; size: bigint; type: string };

/** Moves the versions (of one owner's files, with ownerId) on `from` to `to`; at most `limit` of them. */
export async function migrateVersions(o: {
  from: DriverName;
  to: DriverName;
  ownerId?: string;
  dryRun?: boolean;
  limit?: number;
}): Promise<VersionsSummary> {
  const where = { driver: o.from, ...(o.ownerId ? { ownerId: o.ownerId } : {}) };
  const totals = await db.fileVersion.aggregate({ where, _count: true, _sum: { size: true } });
  const summary: VersionsSummary = {
    planned: { versions: totals._count, bytes: Number(totals._sum.size ?? 0n) },
    moved: 0,
    movedBytes: 0,
    changed: 0,
    failed: 0,
  };
  if (o.dryRun) return summary;
  let cursor = "";
  let taken = 0;
  for (;;) {
    const page: Version[] = await db.fileVersion.findMany({
      where: { ...where, id: { gt: cursor } },
      select: { id: true, storageKey: true, size: true, type: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    for (const version of page) {
      if (o.limit !== undefined && taken >= o.limit) return summary;
      taken++;
      cursor = version.id;
      const outcome = await moveVersion(version, o.from, o.to);
      if (outcome === "moved") {
        summary.moved++;
        summary.movedBytes += Number(version.size);
      } else summary[outcome]++;
    }
    if (page.length < PAGE) return summary;
  }
}

async function moveVersion(version: Version, from: DriverName, to: DriverName) {
  const fields = { op: "migrate", versionId: version.id, key: version.storageKey, from, to };
  try {
    await copyObject(getDriver(from), getDriver(to), version.storageKey, Number(version.size), version.type);
    const switched = await db.$transaction(async (tx) => {
      const { count } = await tx.fileVersion.updateMany({
        where: { id: version.id, driver: from, storageKey: version.storageKey },
        data: { driver: to },
      });
      if (count === 0) return false;
      // An earlier move away from `to` booked this key there for deletion: it is live again.
      await tx.storageCleanup.deleteMany({ where: { driver: to, key: version.storageKey } });
      await tx.storageCleanup.create({
        data: { driver: from, key: version.storageKey, notBefore: new Date(Date.now() + SOURCE_GRACE_MS) },
      });
      return true;
    });
    if (!switched) {
      // Restored, deleted or moved meanwhile: the copy goes unless a row now names it there.
      const live =
        (await db.fileVersion.count({ where: { storageKey: version.storageKey, driver: to } })) +
        (await db.file.count({ where: { storageKey: version.storageKey, driver: to } }));
      if (!live) await getDriver(to).delete(version.storageKey);
    }
    log.info("storage-ops", { ...fields, outcome: switched ? "moved" : "changed" });
    return switched ? ("moved" as const) : ("changed" as const);
  } catch (error) {
    log.warn("storage-ops", { ...fields, outcome: "failed", error: String(error) });
    return "failed" as const;
  }
}
