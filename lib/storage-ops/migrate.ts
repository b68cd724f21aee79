// Moving files between the local disk and the bucket while the app keeps serving them
// (`npm run storage:migrate`, and the sweeper's return of files that fell back to local).
// Per file: copy and verify (copy.ts), then switch the row's driver (switch.ts) with one conditional UPDATE
// that only succeeds while the row still names the same driver, key, thumbnail and status (a
// rename or a move to the trash does not matter), and in the same transaction book the source
// copy's deletion after a grace period, so download URLs handed out before the switch keep working.
// Killed at any point and run again, it copies only files whose row still names the old driver:
// nothing switched is copied twice, and nothing is deleted before its row has moved.
import type { File } from "../generated/prisma/client";
import { db } from "../db";
import { notFound } from "../errors";
import { fileScope, systemActor } from "../files/access";
import { log } from "../log";
import { getDriver, ObjectNotFoundError, type DriverName } from "../storage";
import { copyObject } from "./copy";
import { forgetCopy, switchBatcher } from "./switch";
import { renditionKeys } from "../files/thumbnail-keys";
import { migrateVersions, type VersionsSummary } from "./migrate-versions";

const PAGE = 100;

export interface MigrateOptions {
  to: DriverName;
  /** Only this account's files. */
  userEmail?: string;
  /** Count what would move; copy nothing. */
  dryRun?: boolean;
  /** Files copied at once (default 4). */
  concurrency?: number;
  /** Stop after this many files (the sweeper moves fallen-back files a slice at a time). */
  limit?: number;
  /** Called once with what is to move, before anything is copied. */
  onPlan?: (planned: { files: number; bytes: number }) => void;
  /** Called once per file acted on. */
  onFile?: (event: FileEvent) => void;
}

export interface FileEvent {
  fileId: string;
  bytes: number;
  /** moved; changed: the row changed meanwhile (deleted, switched elsewhere), left as it is; failed. */
  outcome: "moved" | "changed" | "failed";
  error?: string;
}

export interface MigrateSummary {
  from: DriverName;
  to: DriverName;
  dryRun: boolean;
  planned: { files: number; bytes: number };
  moved: number;
  movedBytes: number;
  changed: number;
  failed: number;
  /** The older versions' bytes, moved after the files (migrate-versions.ts). */
  versions: VersionsSummary;
  ms: number;
}

const otherDriver = (to: DriverName): DriverName => (to === "s3" ? "local" : "s3");

async function candidates(o: MigrateOptions) {
  let ownerId: string | undefined;
  if (o.userEmail) {
    const user = await db.user.findUnique({ where: { email: o.userEmail.toLowerCase() }, select: { id: true } });
    if (!user) throw notFound("User");
    ownerId = user.id;
  }
  // Trashed files hold bytes too; PENDING ones are still being written where their upload was signed.
  const where = {
    AND: [fileScope(systemActor("storage migration"), "any"), { status: "READY" as const, driver: otherDriver(o.to) }],
    ...(ownerId ? { ownerId } : {}),
  };
  const totals = await db.file.aggregate({ where, _count: true, _sum: { size: true } });
  return { where, ownerId, planned: { files: totals._count, bytes: Number(totals._sum.size ?? 0n) } };
}

/** Moves every READY file and version (of one user, with userEmail) from the other driver to `to`. */
export async function migrateFiles(o: MigrateOptions): Promise<MigrateSummary> {
  const started = performance.now();
  const from = otherDriver(o.to);
  const { where, ownerId, planned } = await candidates(o);
  o.onPlan?.(planned);
  const versions = (limit: number | undefined) => migrateVersions({ from, to: o.to, ownerId, dryRun: o.dryRun, limit });
  const summary: Omit<MigrateSummary, "versions"> = {
    from,
    to: o.to,
    dryRun: !!o.dryRun,
    planned,
    moved: 0,
    movedBytes: 0,
    changed: 0,
    failed: 0,
    ms: 0,
  };
  if (o.dryRun || planned.files === 0)
    return { ...summary, versions: await versions(o.limit), ms: Math.round(performance.now() - started) };
  getDriver(o.to); // a missing S3 configuration stops here, naming the variable

  // Keyset pages in id order (index File(driver, id)); failed files stay behind the cursor.
  let cursor = "";
  let exhausted = false;
  let taken = 0;
  const buffer: File[] = [];
  let fetching: Promise<void> | null = null;
  const load = async () => {
    const page = await db.file.findMany({
      where: { ...where, id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    buffer.push(...page);
    cursor = page.at(-1)?.id ?? cursor;
    exhausted = page.length < PAGE;
  };
  const next = async (): Promise<File | undefined> => {
    if (o.limit !== undefined && taken >= o.limit) return undefined;
    while (buffer.length === 0) {
      if (exhausted) return undefined;
      fetching ??= load().finally(() => (fetching = null));
      await fetching;
    }
    taken++;
    return buffer.shift();
  };

  const switchFile = switchBatcher(from, o.to);
  const record = (event: FileEvent) => {
    if (event.outcome === "moved") {
      summary.moved++;
      summary.movedBytes += event.bytes;
    } else if (event.outcome === "changed") summary.changed++;
    else summary.failed++;
    o.onFile?.(event);
  };
  // A worker starts its next copy as soon as one is verified; the switch commits meanwhile.
  const switching = new Set<Promise<void>>();
  const worker = async () => {
    for (let file = await next(); file; file = await next()) {
      let copied!: () => void;
      const verified = new Promise<void>((resolve) => (copied = resolve));
      const done = moveFile(file, from, o.to, switchFile, copied).then(record);
      switching.add(done);
      void done.then(() => switching.delete(done));
      await Promise.race([verified, done]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 4) }, worker));
  await Promise.all(switching);
  const left = o.limit === undefined ? undefined : Math.max(0, o.limit - taken);
  return { ...summary, versions: await versions(left), ms: Math.round(performance.now() - started) };
}

/** Copies one file (and its thumbnail), verifies, switches its row. One log line. */
async function moveFile(
  file: File,
  from: DriverName,
  to: DriverName,
  switchFile: (file: File) => Promise<boolean>,
  copied: () => void,
): Promise<FileEvent> {
  const started = performance.now();
  const bytes = Number(file.size);
  const fields = { op: "migrate", fileId: file.id, key: file.storageKey, from, to, bytes };
  try {
    const copy = await copyObject(getDriver(from), getDriver(to), file.storageKey, bytes, file.type);
    for (const key of renditionKeys(file)) await copyThumbnail(key, from, to);
    copied();
    const switched = await switchFile(file);
    if (!switched) await forgetCopy(file, to);
    const outcome = switched ? "moved" : "changed";
    log.info("storage-ops", { ...fields, verifiedBy: copy.verifiedBy, ms: ms(started), outcome });
    return { fileId: file.id, bytes, outcome };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn("storage-ops", { ...fields, ms: ms(started), outcome: "failed", error: message });
    return { fileId: file.id, bytes, outcome: "failed", error: message };
  }
}

const ms = (started: number) => Math.round(performance.now() - started);

async function copyThumbnail(key: string, from: DriverName, to: DriverName): Promise<void> {
  try {
    const { size, type } = await getDriver(from).stat(key);
    await copyObject(getDriver(from), getDriver(to), key, size, type);
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) throw error; // a lost thumbnail is not worth stopping for
  }
}
