// What the admin storage overview shows of storage operations: the mirror's queue and each
// driver's last reconciliation. Reads only.
import { db } from "../db";
import type { ReconcileReport } from "../schemas/reconcile";
import type { DriverName } from "../storage";
import { mirrorDriverName } from "./mirror";

/**
 * The backup mirror: the driver it copies to (null when STORAGE_MIRROR is off), its queue's length,
 * how many wait for a retry, and the oldest entry (a queue can outlive a mirror turned off).
 */
export async function mirrorBacklog(): Promise<{
  driver: DriverName | null;
  backlog: number;
  retrying: number;
  oldestWaitingSince: string | null;
}> {
  const queue = await db.mirrorJob.aggregate({ _count: { _all: true }, _min: { createdAt: true } });
  const retrying = queue._count._all === 0 ? 0 : await db.mirrorJob.count({ where: { attempts: { gt: 0 } } });
  return {
    driver: mirrorDriverName(),
    backlog: queue._count._all,
    retrying,
    oldestWaitingSince: queue._min.createdAt?.toISOString() ?? null,
  };
}

/** The findings of the driver's last finished reconciliation, or null when it was never reconciled. */
export async function lastReconcile(driver: DriverName): Promise<ReconcileReport | null> {
  const run = await db.reconcileRun.findFirst({
    where: { driver, finishedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    select: { findings: true },
  });
  if (!run?.findings) return null;
  try {
    return JSON.parse(run.findings) as ReconcileReport;
  } catch {
    return null; // a row written by something else: shown as never reconciled rather than failing the page
  }
}
