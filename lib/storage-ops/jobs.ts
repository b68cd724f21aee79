// The sweeper's storage jobs: the backup mirror's queue, and (STORAGE_FALLBACK_RETURN=auto) the
// return of files that fell back to the local disk while the bucket was down. Each runs in one
// process at a time (a lease) and within a time budget, so a sweep never stalls behind them.
import { env } from "../env";
import { log } from "../log";
import { defaultDriverName } from "../storage";
import { withLease } from "../jobs/lease";
import { migrateFiles, type MigrateSummary } from "./migrate";
import { driverHealthy, runMirrorJobs } from "./mirror";

/** Files moved back per sweep: a long outage's backlog drains over a few sweeps. */
const RETURN_SLICE = 500;

/** Once the bucket answers again, moves local files to it (the same path as `storage:migrate -- --to s3`). */
export async function returnFallenBackFiles({ limit = RETURN_SLICE } = {}): Promise<MigrateSummary | null> {
  if (env().STORAGE_FALLBACK_RETURN !== "auto" || defaultDriverName() !== "s3") return null;
  if (!(await driverHealthy("s3"))) return null;
  const run = await withLease("storage-fallback-return", { seconds: 60, release: true }, () =>
    migrateFiles({ to: "s3", limit, concurrency: 2 }),
  );
  return run.ran ? run.result : null;
}

/** Both jobs; a failure is logged and retried at the next sweep. */
export async function runStorageJobs(): Promise<void> {
  const jobs = { mirror: () => runMirrorJobs(), fallbackReturn: () => returnFallenBackFiles() };
  for (const [name, job] of Object.entries(jobs)) {
    try {
      const result = await job();
      const acted = result && ("moved" in result ? result.moved + result.changed : result.copied + result.dropped);
      if (result && (acted || result.failed)) log.info("storage jobs", { job: name, ...result });
    } catch (error) {
      log.warn("storage jobs: failed; will retry", { job: name, error: String(error) });
    }
  }
}
