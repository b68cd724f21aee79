// The S3 driver's handle on its bucket: the SDK client, the settings, where keys live (under
// S3_PREFIX; callers never see the prefix), and how calls fail (always as StorageErrors worded
// with the bucket, endpoint and region). Every other s3-*.ts module works through one of these.
// Also the health check for /api/health and the fallback decision (S3HealthCheck).
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { CreateBucketCommand, HeadBucketCommand, S3Client, type BucketLocationConstraint } from "@aws-sdk/client-s3";
import { log } from "../log";
import { BucketNotFoundError, StorageError, type ErrorContext } from "./errors";
import { displayEndpoint, type S3Settings } from "./s3-config";
import { fromS3Error } from "./s3-error-map";
import { exactLength } from "./streams";
import type { ByteSource, HealthReport } from "./types";

/** How long a bucket probe (HeadBucket) may take before the store counts as unreachable. */
export const CHECK_TIMEOUT_MS = 5_000;

/** An S3 client with the settings every S3-compatible store accepts. */
export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Otherwise presigned URLs carry an x-amz-checksum-crc32 of an empty body that several
    // S3-compatible stores reject, and streamed bodies get checksum trailers they do not support.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 10_000 },
  });
}

export class S3Bucket {
  readonly endpoint: string;
  private ready: Promise<void> | undefined;

  constructor(
    readonly client: S3Client,
    readonly settings: S3Settings,
  ) {
    this.endpoint = displayEndpoint(settings);
  }

  /** The key in the bucket: the caller's key under S3_PREFIX. */
  objectKey(key: string): string {
    return this.settings.prefix + key;
  }

  /** Maps any failure to a StorageError (StorageErrors pass through unchanged). */
  mapError(err: unknown, ctx: ErrorContext): StorageError {
    return fromS3Error(err, {
      ...ctx,
      bucket: this.settings.bucket,
      endpoint: this.endpoint,
      region: this.settings.region,
    });
  }

  /** Runs one SDK call, mapping failures to StorageError. */
  async call<T>(ctx: ErrorContext, fn: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      throw this.mapError(err, ctx);
    }
  }

  /**
   * Runs one SDK call that streams `body`, which must have exactly `size` bytes. A wrong body
   * aborts the request (which would otherwise wait for bytes that never come) and fails with
   * the body's own IntegrityError rather than the aborted request's error.
   */
  async sendBody<T>(
    ctx: ErrorContext,
    body: ByteSource,
    size: number,
    send: (stream: Readable, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const stream = Readable.fromWeb(exactLength(body, size) as unknown as NodeReadableStream<Uint8Array>);
    const controller = new AbortController();
    let bodyError: unknown;
    stream.on("error", (err) => {
      bodyError = err;
      controller.abort(err);
    });
    try {
      return await send(stream, controller.signal);
    } catch (err) {
      stream.destroy();
      throw bodyError instanceof StorageError ? bodyError : this.mapError(err, ctx);
    }
  }

  /** With S3_CREATE_BUCKET=true: creates the bucket once when it is missing. */
  ensureExists(): Promise<void> {
    if (!this.settings.createBucket) return Promise.resolve();
    this.ready ??= this.createIfMissing().catch((err) => {
      this.ready = undefined; // try again next time
      throw err;
    });
    return this.ready;
  }

  /** The bucket was found missing after ensureExists() made it: the next ensureExists() makes it again. */
  forgetExists(): void {
    this.ready = undefined;
  }

  private async createIfMissing(): Promise<void> {
    try {
      await this.call({ op: "ensureBucket" }, (c) =>
        c.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), {
          abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
        }),
      );
    } catch (err) {
      if (!(err instanceof BucketNotFoundError)) throw err;
      const region = this.settings.region;
      const constraint = region !== "us-east-1" && region !== "auto" && this.settings.provider !== "runpod";
      await this.call({ op: "createBucket" }, (c) =>
        c.send(
          new CreateBucketCommand({
            Bucket: this.settings.bucket,
            CreateBucketConfiguration: constraint
              ? { LocationConstraint: region as BucketLocationConstraint }
              : undefined,
          }),
        ),
      );
      log.info("storage", { op: "createBucket", driver: "s3", bucket: this.settings.bucket, outcome: "ok" });
    }
  }
}

const CHECK_CACHE_MS = 10_000;

/**
 * A HeadBucket (creating the bucket when S3_CREATE_BUCKET allows), cached briefly so a busy
 * health endpoint or upload burst does not probe the store on every request.
 */
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
          c.send(new HeadBucketCommand({ Bucket: bucket.settings.bucket }), {
            abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
          }),
        );
      } catch (err) {
        if (!(err instanceof BucketNotFoundError) || !bucket.settings.createBucket) throw err;
        bucket.forgetExists(); // it was created once and is gone again: create it again
        await bucket.ensureExists();
      }
      return { ...base, ok: true };
    } catch (err) {
      const mapped = err instanceof StorageError ? err : bucket.mapError(err, { op: "check" });
      log.warn("storage", {
        op: "check",
        driver: "s3",
        ms: Math.round(performance.now() - started),
        outcome: mapped.code,
        message: mapped.message,
      });
      return { ...base, ok: false, message: mapped.message };
    }
  }
}
