// Reconciliation: one driver's objects against the books (issue 10, item 3). Reports orphans
// (objects nothing names), missing objects (READY files without bytes), size mismatches and stale
// multipart uploads; with `fix`, deletes orphans older than the upload expiry, aborts stale
// multipart uploads, marks files whose bytes are gone or wrong (File.missingAt: the browser shows
// them as unavailable) and clears the mark when the right bytes are back. Each run is stored in
// ReconcileRun. Used by `npm run storage:reconcile`, tests and the admin overview alike.
//
// Every fix is checked again right before it is made (the row re-read, the object stat'ed), so an
// upload or a move that happened during the listing is never undone by it.
import { db } from "../db";
import { env } from "../env";
import { log } from "../log";
import {
  SAMPLE_SIZE,
  type ReconcileCounts,
  type ReconcileFixes,
  type ReconcileReport,
  type ReconcileSample,
} from "../schemas/reconcile";
import { getDriver, UnsupportedOperationError, type DriverName } from "../storage";
import type { ObjectInfo, PendingMultipart, StorageDriver } from "../storage/types";
import { lastWriteGraceMs } from "../uploads/cleanup";
import { expectedKeys, inKeyOrder, mergeJoin, multipartWithOwners, type Expected } from "./listing";
import { clearMissing, isNamedKey, markMissing } from "./repair";

export interface ReconcileOptions {
  driver: DriverName;
  fix?: boolean;
  /** Objects and rows read per page (default 1000). */
  pageSize?: number;
  /** The clock (tests move it forward to make planted objects old). */
  now?: Date;
}

/** No object younger than this is deleted: an open upload (or its last signed URL) may still write it. */
export function orphanMinAgeMs(): number {
  // The longest of both drivers: a bucket's presigned PUT can still land long after its upload closed.
  return Math.max(env().UPLOAD_EXPIRY_SECONDS * 1000, lastWriteGraceMs("s3"));
}

type FileExpected = Extract<Expected, { kind: "file" }>;

class Run {
  readonly counts: ReconcileCounts = {
    objects: 0,
    bytes: 0,
    orphans: 0,
    recentOrphans: 0,
    missing: 0,
    sizeMismatches: 0,
    staleMultipart: 0,
    returned: 0,
    copies: 0,
  };
  readonly fixes: ReconcileFixes = {
    deletedOrphans: 0,
    abortedMultipart: 0,
    markedMissing: 0,
    clearedMissing: 0,
    failed: 0,
  };
  readonly sample: ReconcileSample = { orphans: [], missing: [], sizeMismatches: [], staleMultipart: [] };
  readonly cutoff: number;

  constructor(
    readonly driver: StorageDriver,
    readonly fix: boolean,
    now: Date,
  ) {
    this.cutoff = now.getTime() - orphanMinAgeMs();
  }

  note<K extends keyof ReconcileSample>(kind: K, entry: ReconcileSample[K][number]): void {
    const list = this.sample[kind] as ReconcileSample[K][number][];
    if (list.length < SAMPLE_SIZE) list.push(entry);
  }

  /** Runs one fix, logging it once; a failure is counted and logged, never thrown (the next run retries). */
  async act(op: string, fields: Record<string, unknown>, fn: () => Promise<boolean>): Promise<boolean> {
    try {
      const done = await fn();
      log.info("reconcile", { op, driver: this.driver.name, ...fields, outcome: done ? "ok" : "skipped" });
      return done;
    } catch (error) {
      this.fixes.failed++;
      log.warn("reconcile", { op, driver: this.driver.name, ...fields, outcome: "error", error: String(error) });
      return false;
    }
  }

  async orphan(object: ObjectInfo): Promise<void> {
    this.counts.orphans++;
    const modified = object.lastModified?.getTime() ?? Date.now();
    this.note("orphans", {
      key: object.key,
      size: object.size,
      lastModified: object.lastModified?.toISOString() ?? null,
    });
    if (modified > this.cutoff) {
      this.counts.recentOrphans++;
      return;
    }
    if (!this.fix) return;
    const fields = { key: object.key, bytes: object.size };
    const deleted = await this.act("deleteOrphan", fields, async () => {
      if (await isNamedKey(this.driver.name, object.key)) return false; // a row appeared meanwhile
      await this.driver.delete(object.key);
      return true;
    });
    if (deleted) this.fixes.deletedOrphans++;
  }

  async stored(object: ObjectInfo, expected: Expected[]): Promise<void> {
    const own = expected.find((e): e is FileExpected => e.kind === "file" && e.file.driver === this.driver.name);
    if (!own) {
      if (expected.some((e) => e.kind === "file")) this.counts.copies++;
      return;
    }
    const { file } = own;
    if (file.status !== "READY") return; // an upload in progress
    if (BigInt(object.size) !== file.size) {
      this.counts.sizeMismatches++;
      this.note("sizeMismatches", {
        fileId: file.id,
        key: object.key,
        expected: Number(file.size),
        actual: object.size,
      });
      if (this.fix && !file.missingAt) await this.mark(file.id, object.key, "sizeMismatch");
    } else if (file.missingAt) {
      this.counts.returned++;
      if (!this.fix) return;
      const cleared = await this.act("clearMissing", { fileId: file.id, key: object.key }, () =>
        clearMissing(this.driver, file.id, object.key),
      );
      if (cleared) this.fixes.clearedMissing++;
    }
  }

  async absent(expected: Expected[]): Promise<void> {
    const own = expected.find((e): e is FileExpected => e.kind === "file" && e.file.driver === this.driver.name);
    if (!own || own.file.status !== "READY") return;
    this.counts.missing++;
    this.note("missing", { fileId: own.file.id, key: own.key, size: Number(own.file.size) });
    if (this.fix && !own.file.missingAt) await this.mark(own.file.id, own.key, "missing");
  }

  private async mark(fileId: string, key: string, reason: "missing" | "sizeMismatch"): Promise<void> {
    const marked = await this.act("markMissing", { fileId, key, reason }, () => markMissing(this.driver, fileId, key));
    if (marked) this.fixes.markedMissing++;
  }

  async multipart(upload: PendingMultipart, owned: boolean): Promise<void> {
    if (owned || upload.initiated.getTime() > this.cutoff) return;
    this.counts.staleMultipart++;
    this.note("staleMultipart", {
      key: upload.key,
      uploadId: upload.uploadId,
      initiated: upload.initiated.toISOString(),
    });
    if (!this.fix) return;
    const aborted = await this.act("abortMultipart", { key: upload.key, uploadId: upload.uploadId }, async () => {
      await this.driver.abortMultipart({ key: upload.key, uploadId: upload.uploadId });
      return true;
    });
    if (aborted) this.fixes.abortedMultipart++;
  }
}

/** Reconciles one driver and stores the run; answers what it found (and fixed). */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const pageSize = options.pageSize ?? 1000;
  const driver = getDriver(options.driver);
  const fix = options.fix ?? false;
  const started = new Date();
  const runRow = await db.reconcileRun.create({ data: { driver: driver.name, startedAt: started, fixed: fix } });
  const run = new Run(driver, fix, options.now ?? started);

  const objects = inKeyOrder(`The ${driver.name} store`, driver.list("", { pageSize }));
  for await (const { object, expected } of mergeJoin(objects, expectedKeys(driver.name, pageSize))) {
    if (!object) {
      await run.absent(expected);
      continue;
    }
    run.counts.objects++;
    run.counts.bytes += object.size;
    if (expected.length === 0) await run.orphan(object);
    else await run.stored(object, expected);
  }

  let multipartListing: ReconcileReport["multipartListing"] = "ok";
  try {
    for await (const { upload, owned } of multipartWithOwners(driver, pageSize)) await run.multipart(upload, owned);
  } catch (error) {
    if (!(error instanceof UnsupportedOperationError)) throw error;
    multipartListing = "unsupported";
  }

  const report: ReconcileReport = {
    driver: driver.name,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    fixed: fix,
    counts: run.counts,
    fixes: run.fixes,
    multipartListing,
    sample: run.sample,
  };
  await db.reconcileRun.update({
    where: { id: runRow.id },
    data: { finishedAt: new Date(report.finishedAt), findings: JSON.stringify(report) },
  });
  log.info("reconcile finished", { driver: driver.name, fix, ...run.counts, ...run.fixes });
  return report;
}
