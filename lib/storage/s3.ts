// The S3 driver (AWS SDK v3): AWS, MinIO, Cloudflare R2, Backblaze B2, RunPod and other
// S3-compatible stores. Browsers upload and download straight to/from the bucket with
// presigned URLs that bind the exact Content-Length and Content-Type, so the bucket itself
// refuses any other body. Stores that cannot presign (RunPod) run in relay mode: the URLs point
// at the app (`/api/blob/<token>`, like the local driver) and the app streams bodies on.
//
// Keys are stored under S3_PREFIX inside the bucket; callers never see the prefix.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type BucketLocationConstraint,
  type CORSRule,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { env } from "../env";
import { log } from "../log";
import { cleanFilename, contentDisposition, normalizeContentType, safeDisposition } from "./content";
import {
  BucketNotFoundError,
  IntegrityError,
  InvalidRangeError,
  StorageError,
  UploadNotFoundError,
  fromS3Error,
  type ErrorContext,
} from "./errors";
import { assertValidKey, assertValidPrefix } from "./keys";
import { logged } from "./oplog";
import { displayEndpoint, s3SettingsFromEnv, type S3Settings } from "./s3-config";
import { exactLength, readChunk } from "./streams";
import type {
  BlobTarget,
  ByteRange,
  CompletedPart,
  HealthReport,
  ObjectInfo,
  ReadResult,
  SignedRequest,
  StorageDriver,
} from "./types";
import { blobUrl, signUrlToken } from "./url-token";
import { assertPartNumber, assertSize, clampExpiresIn } from "./validate";

/** write() sends bodies above this size as a multipart upload (RunPod refuses PUTs ≥ 500 MB). */
export const MULTIPART_WRITE_THRESHOLD = 100 * 1024 * 1024;
/** Part size of write()'s own multipart uploads; one part is buffered at a time. */
export const WRITE_PART_SIZE = 16 * 1024 * 1024;
const CHECK_CACHE_MS = 10_000;
const CHECK_TIMEOUT_MS = 5_000;

export interface S3DriverOptions {
  /** The app's public URL, for relay-mode URLs. */
  appUrl: string;
  /** A ready client (tests); by default one is made from the settings. */
  client?: S3Client;
  /** write() switches to multipart above this many bytes (default MULTIPART_WRITE_THRESHOLD). */
  multipartWriteThreshold?: number;
  /** Part size of write()'s multipart uploads (default WRITE_PART_SIZE). */
  writePartSize?: number;
}

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

type Body = ReadableStream<Uint8Array>;

function toNodeStream(body: Body): Readable {
  return Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
}

/**
 * The body as a Node stream of exactly `size` bytes for the SDK, plus a signal that aborts the
 * request when the body turns out wrong (otherwise the request would wait for bytes that never
 * come) and the error that did it.
 */
function guardedBody(body: Body, size: number): { stream: Readable; signal: AbortSignal; bodyError: () => unknown } {
  const stream = toNodeStream(exactLength(body, size));
  const controller = new AbortController();
  let error: unknown;
  stream.on("error", (err) => {
    error = err;
    controller.abort(err);
  });
  return { stream, signal: controller.signal, bodyError: () => error };
}

export class S3Driver implements StorageDriver, BlobTarget {
  readonly name = "s3" as const;
  readonly client: S3Client;
  readonly settings: S3Settings;
  readonly endpoint: string;
  private readonly appUrl: string;
  private readonly multipartWriteThreshold: number;
  private readonly writePartSize: number;
  private bucketReady: Promise<void> | undefined;
  private checkCache: { at: number; report: Promise<HealthReport> } | undefined;

  constructor(settings: S3Settings = s3SettingsFromEnv(), options: S3DriverOptions = { appUrl: env().APP_URL }) {
    this.settings = settings;
    this.client = options.client ?? createS3Client(settings);
    this.endpoint = displayEndpoint(settings);
    this.appUrl = options.appUrl;
    this.multipartWriteThreshold = options.multipartWriteThreshold ?? MULTIPART_WRITE_THRESHOLD;
    this.writePartSize = options.writePartSize ?? WRITE_PART_SIZE;
  }

  /** Whether URLs point at the app, which relays bodies to the bucket. */
  get relay(): boolean {
    return !this.settings.presign;
  }

  // ---- URLs -------------------------------------------------------------------------------------

  async createUploadUrl(o: { key: string; size: number; type: string; expiresIn: number }): Promise<SignedRequest> {
    assertValidKey(o.key);
    assertSize(o.size);
    const type = normalizeContentType(o.type);
    const expiresIn = clampExpiresIn(o.expiresIn);
    await this.ensureBucket();
    return logged({ op: "signUpload", driver: "s3", key: o.key, bytes: o.size }, async () => {
      if (this.relay) {
        const { token, expiresAt } = signUrlToken({ op: "put", driver: "s3", key: o.key, size: o.size, type }, expiresIn);
        return { method: "PUT", url: blobUrl(this.appUrl, token), headers: { "Content-Type": type }, expiresAt };
      }
      const expiresAt = new Date(Date.now() + expiresIn * 1000);
      const command = new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(o.key),
        ContentLength: o.size,
        ContentType: type,
        ServerSideEncryption: this.settings.sse,
      });
      const url = await this.presign(command, expiresIn, { op: "createUploadUrl", key: o.key }, new Set(["content-type"]));
      const headers: Record<string, string> = { "Content-Type": type };
      // SSE headers cannot be hoisted into the query: the presigner signs them as headers.
      if (this.settings.sse) headers["x-amz-server-side-encryption"] = this.settings.sse;
      return { method: "PUT" as const, url, headers, expiresAt };
    });
  }

  async createMultipart(o: { key: string; type: string }): Promise<{ uploadId: string }> {
    assertValidKey(o.key);
    const ctx: ErrorContext = { op: "createMultipart", key: o.key };
    await this.ensureBucket();
    return logged({ op: "createMultipart", driver: "s3", key: o.key }, async () => {
      const out = await this.call(ctx, (c) =>
        c.send(
          new CreateMultipartUploadCommand({
            Bucket: this.settings.bucket,
            Key: this.objectKey(o.key),
            ContentType: normalizeContentType(o.type),
            ServerSideEncryption: this.settings.sse,
          }),
        ),
      );
      if (!out.UploadId) throw new StorageError(`The store started no multipart upload for "${o.key}" (no UploadId).`);
      return { uploadId: out.UploadId };
    });
  }

  async signPart(o: { key: string; uploadId: string; partNumber: number; size: number; expiresIn: number }): Promise<SignedRequest> {
    assertValidKey(o.key);
    assertPartNumber(o.partNumber);
    assertSize(o.size);
    if (!o.uploadId) throw new UploadNotFoundError(o.key, o.uploadId);
    const expiresIn = clampExpiresIn(o.expiresIn);
    const fields = { op: "signPart", driver: "s3" as const, key: o.key, uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size };
    return logged(fields, async () => {
      if (this.relay) {
        const { token, expiresAt } = signUrlToken(
          { op: "part", driver: "s3", key: o.key, size: o.size, uploadId: o.uploadId, partNumber: o.partNumber },
          expiresIn,
        );
        return { method: "PUT", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
      }
      const expiresAt = new Date(Date.now() + expiresIn * 1000);
      const command = new UploadPartCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(o.key),
        UploadId: o.uploadId,
        PartNumber: o.partNumber,
        ContentLength: o.size,
      });
      const url = await this.presign(command, expiresIn, { op: "signPart", key: o.key, uploadId: o.uploadId });
      return { method: "PUT" as const, url, headers: {}, expiresAt };
    });
  }

  async completeMultipart(o: { key: string; uploadId: string; parts: CompletedPart[] }): Promise<void> {
    assertValidKey(o.key);
    if (o.parts.length === 0) throw new IntegrityError("A multipart upload needs at least one part.");
    let previous = 0;
    for (const part of o.parts) {
      assertPartNumber(part.partNumber);
      if (part.partNumber <= previous) throw new IntegrityError("The parts must be listed in ascending order of part number, each once.");
      previous = part.partNumber;
    }
    const ctx: ErrorContext = { op: "completeMultipart", key: o.key, uploadId: o.uploadId };
    await logged({ op: "completeMultipart", driver: "s3", key: o.key, uploadId: o.uploadId }, async () => {
      await this.call(ctx, (c) =>
        c.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.settings.bucket,
            Key: this.objectKey(o.key),
            UploadId: o.uploadId,
            MultipartUpload: {
              Parts: o.parts.map((p) => ({ PartNumber: p.partNumber, ETag: quoteEtag(p.etag) })),
            },
          }),
        ),
      );
    });
  }

  async abortMultipart(o: { key: string; uploadId: string }): Promise<void> {
    assertValidKey(o.key);
    const ctx: ErrorContext = { op: "abortMultipart", key: o.key, uploadId: o.uploadId };
    await logged({ op: "abortMultipart", driver: "s3", key: o.key, uploadId: o.uploadId }, async () => {
      try {
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.settings.bucket, Key: this.objectKey(o.key), UploadId: o.uploadId }),
        );
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        const status = e.$metadata?.httpStatusCode;
        // Already completed or aborted (NoSuchUpload / 404), or a store without the call (405).
        if (e.name === "NoSuchUpload" || status === 404 || status === 405) return;
        throw fromS3Error(err, this.errorContext(ctx));
      }
    });
  }

  async createDownloadUrl(o: {
    key: string;
    filename: string;
    type: string;
    disposition: "attachment" | "inline";
    expiresIn: number;
  }): Promise<SignedRequest> {
    assertValidKey(o.key);
    const type = normalizeContentType(o.type);
    const disposition = safeDisposition(o.disposition, type);
    const filename = cleanFilename(o.filename);
    const expiresIn = clampExpiresIn(o.expiresIn);
    return logged({ op: "signDownload", driver: "s3", key: o.key }, async () => {
      if (this.relay) {
        const { token, expiresAt } = signUrlToken({ op: "get", driver: "s3", key: o.key, type, disposition, filename }, expiresIn);
        return { method: "GET", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
      }
      const expiresAt = new Date(Date.now() + expiresIn * 1000);
      const command = new GetObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(o.key),
        ResponseContentDisposition: contentDisposition(disposition, filename),
        ResponseContentType: type,
      });
      const url = await this.presign(command, expiresIn, { op: "createDownloadUrl", key: o.key });
      return { method: "GET" as const, url, headers: {}, expiresAt };
    });
  }

  // ---- bytes ----------------------------------------------------------------------------------

  async stat(key: string): Promise<ObjectInfo> {
    assertValidKey(key);
    return logged({ op: "stat", driver: "s3", key }, async () => {
      const out = await this.call({ op: "stat", key }, (c) =>
        c.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })),
      );
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: out.ETag,
        type: out.ContentType,
        lastModified: out.LastModified,
      };
    }, (info) => info.size);
  }

  async read(key: string, range?: ByteRange): Promise<ReadResult> {
    assertValidKey(key);
    if (range && (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start)) {
      throw new InvalidRangeError(0, "The requested range is malformed.");
    }
    return logged({ op: "read", driver: "s3", key }, async () => {
      let out;
      try {
        out = await this.call({ op: "read", key }, (c) =>
          c.send(
            new GetObjectCommand({
              Bucket: this.settings.bucket,
              Key: this.objectKey(key),
              Range: range ? `bytes=${range.start}-${range.end}` : undefined,
            }),
          ),
        );
      } catch (err) {
        if (err instanceof InvalidRangeError) throw new InvalidRangeError((await this.stat(key)).size);
        throw err;
      }
      if (!out.Body) throw new StorageError(`The store answered no body for "${key}".`);
      const body = out.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      const total = /\/(\d+)$/.exec(out.ContentRange ?? "");
      const size = total ? Number(total[1]) : (out.ContentLength ?? 0);
      let actual: ByteRange | undefined;
      if (range) {
        const m = /^bytes (\d+)-(\d+)\//.exec(out.ContentRange ?? "");
        actual = m ? { start: Number(m[1]), end: Number(m[2]) } : { start: 0, end: size - 1 };
      }
      return { body, size, type: out.ContentType, range: actual } satisfies ReadResult;
    }, (r) => (r.range ? r.range.end - r.range.start + 1 : r.size));
  }

  async write(key: string, body: Body, size: number, type?: string): Promise<void> {
    await this.putObject({ key, body, size, type: type ?? "" });
  }

  /**
   * Streams exactly `size` bytes to `key`: one PutObject with that Content-Length, or above
   * the multipart threshold (100 MiB) a multipart upload holding one part in memory at a time.
   */
  async putObject(o: { key: string; body: Body; size: number; type: string }): Promise<{ etag?: string }> {
    assertValidKey(o.key);
    assertSize(o.size);
    const type = normalizeContentType(o.type);
    await this.ensureBucket();
    return logged({ op: "write", driver: "s3", key: o.key, bytes: o.size }, async () => {
      if (o.size > this.multipartWriteThreshold) return this.writeMultipart(o.key, o.body, o.size, type);
      const ctx: ErrorContext = { op: "write", key: o.key };
      const { stream, signal, bodyError } = guardedBody(o.body, o.size);
      try {
        const out = await this.client.send(
          new PutObjectCommand({
            Bucket: this.settings.bucket,
            Key: this.objectKey(o.key),
            Body: stream,
            ContentLength: o.size,
            ContentType: type,
            ServerSideEncryption: this.settings.sse,
          }),
          { abortSignal: signal },
        );
        return { etag: out.ETag };
      } catch (err) {
        stream.destroy();
        const failed = bodyError();
        throw failed instanceof StorageError ? failed : fromS3Error(err, this.errorContext(ctx));
      }
    });
  }

  /** Streams one part of a multipart upload (relay mode) with its exact Content-Length. */
  async putPart(o: { key: string; uploadId: string; partNumber: number; body: Body; size: number }): Promise<{ etag: string }> {
    assertValidKey(o.key);
    assertPartNumber(o.partNumber);
    assertSize(o.size);
    const ctx: ErrorContext = { op: "putPart", key: o.key, uploadId: o.uploadId };
    return logged({ op: "putPart", driver: "s3", key: o.key, uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size }, async () => {
      const { stream, signal, bodyError } = guardedBody(o.body, o.size);
      try {
        const out = await this.client.send(
          new UploadPartCommand({
            Bucket: this.settings.bucket,
            Key: this.objectKey(o.key),
            UploadId: o.uploadId,
            PartNumber: o.partNumber,
            Body: stream,
            ContentLength: o.size,
          }),
          { abortSignal: signal },
        );
        if (!out.ETag) throw new StorageError(`The store answered no ETag for part ${o.partNumber} of "${o.key}".`);
        return { etag: out.ETag };
      } catch (err) {
        stream.destroy();
        const failed = bodyError();
        throw failed instanceof StorageError ? failed : fromS3Error(err, this.errorContext(ctx));
      }
    });
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await logged({ op: "delete", driver: "s3", key }, async () => {
      try {
        await this.call({ op: "delete", key }, (c) =>
          c.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })),
        );
      } catch (err) {
        if ((err as StorageError).code === "not_found") return; // S3 answers 204 anyway; some stores 404
        throw err;
      }
    });
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidPrefix(prefix);
    const full = this.settings.prefix + prefix;
    const started = performance.now();
    let count = 0;
    let outcome = "ok";
    let token: string | undefined;
    try {
      do {
        const out = await this.call({ op: "list", key: prefix }, (c) =>
          c.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: full || undefined, ContinuationToken: token })),
        );
        for (const item of out.Contents ?? []) {
          if (!item.Key || !item.Key.startsWith(this.settings.prefix)) continue;
          count++;
          yield { key: item.Key.slice(this.settings.prefix.length), size: item.Size ?? 0, etag: item.ETag, lastModified: item.LastModified };
        }
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      outcome = (err as StorageError).code ?? "error";
      throw err;
    } finally {
      log.info("storage", { op: "list", driver: "s3", key: prefix, count, ms: Math.round(performance.now() - started), outcome });
    }
  }

  /** HeadBucket (creating the bucket when S3_CREATE_BUCKET allows), cached for 10 s. */
  check(): Promise<HealthReport> {
    const now = Date.now();
    if (this.checkCache && now - this.checkCache.at < CHECK_CACHE_MS) return this.checkCache.report;
    const report = this.runCheck();
    this.checkCache = { at: now, report };
    return report;
  }

  /** Sets the bucket's CORS rules (used by `npm run storage:cors`). */
  async putBucketCors(rules: CORSRule[]): Promise<void> {
    await this.call({ op: "putBucketCors" }, (c) =>
      c.send(new PutBucketCorsCommand({ Bucket: this.settings.bucket, CORSConfiguration: { CORSRules: rules } })),
    );
  }

  // ---- internals ------------------------------------------------------------------------------

  private async runCheck(): Promise<HealthReport> {
    const base = { driver: "s3" as const, bucket: this.settings.bucket, endpoint: this.endpoint };
    const started = performance.now();
    try {
      try {
        await this.call({ op: "check" }, (c) =>
          c.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) }),
        );
      } catch (err) {
        if (!(err instanceof BucketNotFoundError) || !this.settings.createBucket) throw err;
        this.bucketReady = undefined; // it was created once and is gone again: create it again
        await this.ensureBucket();
      }
      return { ...base, ok: true };
    } catch (err) {
      const mapped = err instanceof StorageError ? err : fromS3Error(err, this.errorContext({ op: "check" }));
      log.warn("storage", { op: "check", driver: "s3", ms: Math.round(performance.now() - started), outcome: mapped.code, message: mapped.message });
      return { ...base, ok: false, message: mapped.message };
    }
  }

  /** With S3_CREATE_BUCKET=true: creates the bucket once when it is missing. */
  private ensureBucket(): Promise<void> {
    if (!this.settings.createBucket) return Promise.resolve();
    this.bucketReady ??= (async () => {
      try {
        await this.call({ op: "ensureBucket" }, (c) =>
          c.send(new HeadBucketCommand({ Bucket: this.settings.bucket }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) }),
        );
      } catch (err) {
        if (!(err instanceof BucketNotFoundError)) throw err;
        const region = this.settings.region;
        const constraint = region !== "us-east-1" && region !== "auto" && this.settings.provider !== "runpod";
        await this.call({ op: "createBucket" }, (c) =>
          c.send(
            new CreateBucketCommand({
              Bucket: this.settings.bucket,
              CreateBucketConfiguration: constraint ? { LocationConstraint: region as BucketLocationConstraint } : undefined,
            }),
          ),
        );
        log.info("storage", { op: "createBucket", driver: "s3", bucket: this.settings.bucket, outcome: "ok" });
      }
    })().catch((err) => {
      this.bucketReady = undefined; // try again next time
      throw err;
    });
    return this.bucketReady;
  }

  private objectKey(key: string): string {
    return this.settings.prefix + key;
  }

  private errorContext(ctx: ErrorContext): ErrorContext {
    return { ...ctx, bucket: this.settings.bucket, endpoint: this.endpoint, region: this.settings.region };
  }

  /** Runs one SDK call, mapping failures to StorageError. */
  private async call<T>(ctx: ErrorContext, fn: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      throw fromS3Error(err, this.errorContext(ctx));
    }
  }

  /** Presigns a command for `expiresIn` seconds; `signableHeaders` binds headers the SDK would leave unsigned. */
  private async presign<C extends PutObjectCommand | UploadPartCommand | GetObjectCommand>(
    command: C,
    expiresIn: number,
    ctx: ErrorContext,
    signableHeaders?: Set<string>,
  ): Promise<string> {
    try {
      // One overload per command type keeps the SDK's generic signature satisfied.
      if (command instanceof PutObjectCommand) return await getSignedUrl(this.client, command, { expiresIn, signableHeaders });
      if (command instanceof UploadPartCommand) return await getSignedUrl(this.client, command, { expiresIn, signableHeaders });
      return await getSignedUrl(this.client, command as GetObjectCommand, { expiresIn, signableHeaders });
    } catch (err) {
      throw fromS3Error(err, this.errorContext(ctx));
    }
  }

  /** write() of a large body: parts of WRITE_PART_SIZE (or more, to stay within 10,000 parts), sent one at a time. */
  private async writeMultipart(key: string, body: Body, size: number, type: string): Promise<{ etag?: string }> {
    const ctx: ErrorContext = { op: "write", key };
    const partSize = Math.max(this.writePartSize, Math.ceil(size / 10_000 / (1024 * 1024)) * 1024 * 1024);
    const created = await this.call(ctx, (c) =>
      c.send(
        new CreateMultipartUploadCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          ContentType: type,
          ServerSideEncryption: this.settings.sse,
        }),
      ),
    );
    const uploadId = created.UploadId;
    if (!uploadId) throw new StorageError(`The store started no multipart upload for "${key}" (no UploadId).`);
    const reader = exactLength(body, size).getReader();
    const leftover = { bytes: null as Uint8Array | null };
    const parts: { PartNumber: number; ETag: string }[] = [];
    try {
      let offset = 0;
      for (let partNumber = 1; offset < size; partNumber++) {
        const length = Math.min(partSize, size - offset);
        const chunk = await readChunk(reader, length, leftover); // errors with IntegrityError on a wrong length
        if (chunk.byteLength < length) throw IntegrityError.wrongLength(size, offset + chunk.byteLength);
        const out = await this.call({ ...ctx, uploadId }, (c) =>
          c.send(
            new UploadPartCommand({
              Bucket: this.settings.bucket,
              Key: this.objectKey(key),
              UploadId: uploadId,
              PartNumber: partNumber,
              Body: chunk,
              ContentLength: length,
            }),
          ),
        );
        if (!out.ETag) throw new StorageError(`The store answered no ETag for part ${partNumber} of "${key}".`);
        parts.push({ PartNumber: partNumber, ETag: out.ETag });
        offset += length;
      }
      // exactLength only hands over the last bytes once the source has ended: nothing is left.
      const done = await this.call({ ...ctx, uploadId }, (c) =>
        c.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.settings.bucket,
            Key: this.objectKey(key),
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        ),
      );
      return { etag: done.ETag };
    } catch (err) {
      await reader.cancel(err).catch(() => {});
      await this.abortMultipart({ key, uploadId }).catch(() => {});
      throw err;
    }
  }
}

function quoteEtag(etag: string): string {
  const bare = etag.trim().replace(/"/g, "");
  return `"${bare}"`;
}
