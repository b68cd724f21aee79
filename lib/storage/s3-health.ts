// The S3 driver's health check for /api/health and the fallback decision: a HeadBucket (creating
// the bucket when S3_CREATE_BUCKET allows), cached briefly so a busy health endpoint or upload
// burst does not probe the store on every request.
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { log } from "../log";
import { BucketNotFoundError, StorageError } from "./errors";
import { CHECK_TIMEOUT_MS, type S3Bucket } from "./s3-bucket";
import type { HealthReport } from "./types";

const CHECK_CACHE_MS = 10_000;

export class S3HealthCheck {
  private cache: { at: number; report: Promise<HealthReport> } | undefined;

  constructor(private readonly bucket: S3Bucket) {}

  /** The report of a check started less than 10 s ago, else a new one. */
  check(): Promise<HealthReport> {
    const now = Date.now();
    if (this.cache && now - this.cache.at < CHECK_CACHE_MS) return this.cache.report;
    const report = this.run();
    this.cache = { at: now, report };
    return report;
  }

  private async run(): Promise<HealthReport> {
    const { bucket } = this;
    const base = { driver: "s3" as const, bucket: bucket.settings.bucket, endpoint: bucket.endpoint };
    const started = performance.now();
    try {
      try {
        await bucket.call({ op: "check" }, (c) =>
          c.send(new HeadBucketCommand({ Bucket: bucket.settings.bucket }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) }),
        );
      } catch (err) {
        if (!(err instanceof BucketNotFoundError) || !bucket.settings.createBucket) throw err;
        bucket.forgetExists(); // it was created once and is gone again: create it again
        await bucket.ensureExists();
      }
      return { ...base, ok: true };
    } catch (err) {
      const mapped = err instanceof StorageError ? err : bucket.mapError(err, { op: "check" });
      log.warn("storage", { op: "check", driver: "s3", ms: Math.round(performance.now() - started), outcome: mapped.code, message: mapped.message });
      return { ...base, ok: false, message: mapped.message };
    }
  }
}
