// The backup mirror (STORAGE_MIRROR=local|s3): a second copy of every completed file on the other
// driver, at the same key. Completing an upload queues a MirrorJob in its own transaction (a durable
// queue: it survives restarts); the worker (run by the sweeper, one process at a time through a
// lease) copies and verifies (copy.ts), sets File.mirroredAt, and on failure retries with
// exponential backoff. Downloads sign from the mirror while the primary store is unreachable, and
// a permanent delete removes both copies (purge.ts books both).
import type { File, MirrorJob } from "../generated/prisma/client";
import { db, type Prisma } from "../db";
import { env } from "../env";
import { log } from "../log";
import { getDriver, ObjectNotFoundError, type DriverName, type StorageDriver } from "../storage";
import { copyObject } from "./copy";
import { withLease } from "../jobs/lease";
import { renditionKeys } from "../files/thumbnail-keys";

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3600_000;

/** The mirror driver, or null when STORAGE_MIRROR is none. */
export function mirrorDriverName(): DriverName | null {
  const mirror = env().STORAGE_MIRROR;
  return mirror === "none" ? null : mirror;
}

/** In the transaction that completes a file: queue its mirror copy (none when it already lives on the mirror driver). */
export async function enqueueMirror(
  tx: Pick<Prisma.TransactionClient, "mirrorJob">,
  fileId: string,
  driver: string,
): Promise<void> {
  const mirror = mirrorDriverName();
  if (!mirror || mirror === driver) return;
  await tx.mirrorJob.upsert({ where: { fileId }, create: { fileId }, update: { nextAttemptAt: new Date() } });
}

/** The drivers holding copies of a file that a permanent delete must remove. */
export function copiesOf(file: Pick<File, "driver">): DriverName[] {
  const mirror = mirrorDriverName();
  return [file.driver as DriverName, ...(mirror && mirror !== file.driver ? [mirror] : [])];
}

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

const healthCache = new Map<DriverName, { at: number; ok: Promise<boolean> }>();

/** Whether a driver answers its check (cached for 5 s: downloads ask this). */
export function driverHealthy(name: DriverName): Promise<boolean> {
  const cached = healthCache.get(name);
  if (cached && Date.now() - cached.at < 5_000) return cached.ok;
  const ok = Promise.resolve()
    .then(() => getDriver(name).check())
    .then((report) => report.ok)
    .catch(() => false);
  healthCache.set(name, { at: Date.now(), ok });
  return ok;
}

/** Forgets cached health checks (tests stop and start stores). */
export function forgetDriverHealth(): void {
  healthCache.clear();
}

/**
 * The driver to sign a download from: the file's own, or its verified mirror copy while the
 * primary store is unreachable (or the bytes were found missing there).
 */
export async function readableDriver(file: Pick<File, "driver" | "mirroredAt" | "missingAt">): Promise<StorageDriver> {
  const primary = file.driver as DriverName;
  const mirror = mirrorDriverName();
  if (!file.mirroredAt || !mirror || mirror === primary) return getDriver(primary);
  if (!file.missingAt && (await driverHealthy(primary))) return getDriver(primary);
  log.warn("storage-ops", { op: "mirrorRead", driver: mirror, outcome: "primary_unavailable", primary });
  return getDriver(mirror);
}

/** For /api/health: the mirror's backlog (queued copies), how many of them failed at least once, the oldest. */
export async function mirrorHealth(): Promise<{
  driver: DriverName;
  backlog: number;
  failing: number;
  oldestQueuedAt: Date | null;
} | null> {
  const driver = mirrorDriverName();
  if (!driver) return null;
  const [backlog, failing, oldest] = await Promise.all([
    db.mirrorJob.count(),
    db.mirrorJob.count({ where: { attempts: { gt: 0 } } }),
    db.mirrorJob.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return { driver, backlog, failing, oldestQueuedAt: oldest?.createdAt ?? null };
}

export interface MirrorRun {
  copied: number;
  failed: number;
  dropped: number;
}

/**
 * Works through the due MirrorJobs for at most `budgetMs`. Null when there is no mirror or another
 * process holds the lease. Nothing is attempted while the mirror store itself is unreachable.
 */
export async function runMirrorJobs({ budgetMs = 120_000 } = {}): Promise<MirrorRun | null> {
  const mirror = mirrorDriverName();
  if (!mirror) return null;
  const leased = await withLease("storage-mirror", { seconds: 60, release: true }, async () => {
    const run: MirrorRun = { copied: 0, failed: 0, dropped: 0 };
    if (!(await driverHealthy(mirror))) return run;
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline) {
      const due = await db.mirrorJob.findMany({
        where: { nextAttemptAt: { lte: new Date() } },
        orderBy: { nextAttemptAt: "asc" },
        include: { file: true },
        take: 20,
      });
      if (due.length === 0) break;
      for (const job of due) {
        if (Date.now() >= deadline) break;
        run[await mirrorOne(job, mirror)]++;
      }
    }
    return run;
  });
  return leased.ran ? leased.result : null;
}

async function mirrorOne(job: MirrorJob & { file: File }, mirror: DriverName): Promise<keyof MirrorRun> {
  const { file } = job;
  const started = performance.now();
  const fields = { op: "mirror", fileId: file.id, key: file.storageKey, from: file.driver, to: mirror };
  if (file.driver === mirror || file.status !== "READY") {
    await db.mirrorJob.deleteMany({ where: { id: job.id } }); // moved onto the mirror driver meanwhile
    return "dropped";
  }
  const from = getDriver(file.driver as DriverName);
  const to = getDriver(mirror);
  try {
    const size = Number(file.size);
    // A job queued again for a new thumbnail: the verified copy of the file itself is kept.
    const kept = file.mirroredAt && (await to.stat(file.storageKey).catch(() => null))?.size === size;
    const copy = kept
      ? { bytes: 0, verifiedBy: "earlier" }
      : await copyObject(from, to, file.storageKey, size, file.type);
    for (const key of renditionKeys(file)) {
      const thumb = await from.stat(key).catch((e) => (e instanceof ObjectNotFoundError ? null : Promise.reject(e)));
      if (thumb) await copyObject(from, to, key, thumb.size, thumb.type);
    }
    const current = await db.$transaction(async (tx) => {
      await tx.mirrorJob.deleteMany({ where: { id: job.id } });
      const { count } = await tx.file.updateMany({
        where: { id: file.id, driver: file.driver, storageKey: file.storageKey },
        data: { mirroredAt: new Date() },
      });
      return count === 1;
    });
    // Deleted while copying: the purge booked the mirror's keys, perhaps before the copy landed.
    if (!current && !(await db.file.findUnique({ where: { id: file.id }, select: { id: true } }))) {
      for (const key of [file.storageKey, ...renditionKeys(file)]) await to.delete(key).catch(() => {});
    }
    log.info("storage-ops", {
      ...fields,
      bytes: copy.bytes,
      verifiedBy: copy.verifiedBy,
      ms: ms(started),
      outcome: "ok",
    });
    return "copied";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const attempts = job.attempts + 1;
    await db.mirrorJob.updateMany({
      where: { id: job.id },
      data: {
        attempts,
        nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
        lastError: message.slice(0, 500),
      },
    });
    log.warn("storage-ops", { ...fields, attempts, ms: ms(started), outcome: "failed", error: message });
    return "failed";
  }
}

const ms = (started: number) => Math.round(performance.now() - started);
