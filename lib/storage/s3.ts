// The S3 driver (AWS SDK v3): AWS, MinIO, Cloudflare R2, Backblaze B2, RunPod and other
// S3-compatible stores. Browsers upload and download straight to/from the bucket with
// presigned URLs that bind the exact Content-Length and Content-Type, so the bucket itself
// refuses any other body. Stores that cannot presign (RunPod) run in relay mode: the URLs point
// at the app (`/api/blob/<token>`, like the local driver) and the app streams bodies on.
//
// Keys are stored under S3_PREFIX inside the bucket; callers never see the prefix.
// This file wires the driver together; the work is in s3-urls.ts (signing), s3-objects.ts
// (whole objects), s3-multipart.ts and s3-bucket.ts (client, keys, errors, health check).
import { PutBucketCorsCommand, type CORSRule, type S3Client } from "@aws-sdk/client-s3";
import { env } from "../env";
import { S3Bucket, S3HealthCheck, createS3Client } from "./s3-bucket";
import { s3SettingsFromEnv, type S3Settings } from "./s3-config";
import { abortMultipart, completeMultipart, createMultipart, listMultipart, putPart } from "./s3-multipart";
import { deleteObject, listObjects, putObject, readObject, statObject, type WritePolicy } from "./s3-objects";
import { S3UrlSigner } from "./s3-urls";
import { ObjectNotFoundError } from "./errors";
import type {
  BlobTarget,
  ByteRange,
  CompleteMultipartRequest,
  CreateMultipartRequest,
  DownloadUrlRequest,
  HealthReport,
  ListOptions,
  MultipartRef,
  ObjectInfo,
  PartUrlRequest,
  PendingMultipart,
  PutObjectRequest,
  PutPartRequest,
  ReadResult,
  SignedRequest,
  StorageDriver,
  UploadUrlRequest,
  WriteResult,
} from "./types";

export { createS3Client };

/** write() sends bodies above this size as a multipart upload (RunPod refuses PUTs ≥ 500 MB). */
export const MULTIPART_WRITE_THRESHOLD = 100 * 1024 * 1024;
/** Part size of write()'s own multipart uploads; one part is buffered at a time. */
export const WRITE_PART_SIZE = 16 * 1024 * 1024;

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

type Body = ReadableStream<Uint8Array>;

export class S3Driver implements StorageDriver, BlobTarget {
  readonly name = "s3" as const;
  readonly client: S3Client;
  readonly settings: S3Settings;
  readonly endpoint: string;
  private readonly bucket: S3Bucket;
  private readonly urls: S3UrlSigner;
  private readonly health: S3HealthCheck;
  private readonly writePolicy: WritePolicy;

  constructor(settings: S3Settings = s3SettingsFromEnv(), options: S3DriverOptions = { appUrl: env().APP_URL }) {
    this.settings = settings;
    this.client = options.client ?? createS3Client(settings);
    this.bucket = new S3Bucket(this.client, settings);
    this.endpoint = this.bucket.endpoint;
    this.urls = new S3UrlSigner(this.bucket, options.appUrl);
    this.health = new S3HealthCheck(this.bucket);
    this.writePolicy = {
      multipartThreshold: options.multipartWriteThreshold ?? MULTIPART_WRITE_THRESHOLD,
      partSize: options.writePartSize ?? WRITE_PART_SIZE,
    };
  }

  /** Whether URLs point at the app, which relays bodies to the bucket. */
  get relay(): boolean {
    return this.urls.relay;
  }

  // ---- URLs -------------------------------------------------------------------------------------

  createUploadUrl(o: UploadUrlRequest): Promise<SignedRequest> {
    return this.urls.createUploadUrl(o);
  }

  createUploadUrls(requests: UploadUrlRequest[]): Promise<SignedRequest[]> {
    return Promise.all(requests.map((o) => this.urls.createUploadUrl(o)));
  }

  signPart(o: PartUrlRequest): Promise<SignedRequest> {
    return this.urls.signPart(o);
  }

  createDownloadUrl(o: DownloadUrlRequest): Promise<SignedRequest> {
    return this.urls.createDownloadUrl(o);
  }

  // ---- objects --------------------------------------------------------------------------------

  stat(key: string): Promise<ObjectInfo> {
    return statObject(this.bucket, key);
  }

  /** One HEAD per object (each logged as stat does), 16 at a time. */
  async sizes(keys: string[]): Promise<(number | null)[]> {
    const sizes: (number | null)[] = [];
    for (let start = 0; start < keys.length; start += 16) {
      const heads = keys.slice(start, start + 16).map((key) =>
        this.stat(key).then(
          (info) => info.size,
          (err: unknown) => {
            if (err instanceof ObjectNotFoundError) return null;
            throw err;
          },
        ),
      );
      sizes.push(...(await Promise.all(heads)));
    }
    return sizes;
  }

  read(key: string, range?: ByteRange): Promise<ReadResult> {
    return readObject(this.bucket, key, range);
  }

  async write(key: string, body: Body, size: number, type?: string): Promise<WriteResult> {
    const { md5 } = await this.putObject({ key, body, size, type: type ?? "" });
    return { md5 };
  }

  /**
   * Streams exactly `size` bytes to `key`: one PutObject with that Content-Length, or above
   * the multipart threshold (100 MiB) a multipart upload holding one part in memory at a time.
   */
  putObject(o: PutObjectRequest): Promise<{ etag?: string; md5?: string }> {
    return putObject(this.bucket, o, this.writePolicy);
  }

  delete(key: string): Promise<void> {
    return deleteObject(this.bucket, key);
  }

  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo> {
    return listObjects(this.bucket, prefix, options?.pageSize);
  }

  // ---- multipart ------------------------------------------------------------------------------

  createMultipart(o: CreateMultipartRequest): Promise<{ uploadId: string }> {
    return createMultipart(this.bucket, o);
  }

  /** Streams one part of a multipart upload (relay mode) with its exact Content-Length. */
  putPart(o: PutPartRequest): Promise<{ etag: string }> {
    return putPart(this.bucket, o);
  }

  completeMultipart(o: CompleteMultipartRequest): Promise<void> {
    return completeMultipart(this.bucket, o);
  }

  abortMultipart(o: MultipartRef): Promise<void> {
    return abortMultipart(this.bucket, o);
  }

  /** ListMultipartUploads; UnsupportedOperationError when the store has no such call. */
  listMultipart(options?: ListOptions): AsyncIterable<PendingMultipart> {
    return listMultipart(this.bucket, options?.pageSize);
  }

  // ---- bucket ---------------------------------------------------------------------------------

  /** HeadBucket (creating the bucket when S3_CREATE_BUCKET allows), cached for 10 s. */
  check(): Promise<HealthReport> {
    return this.health.check();
  }

  /** Sets the bucket's CORS rules (used by `npm run storage:cors`). */
  async putBucketCors(rules: CORSRule[]): Promise<void> {
    await this.bucket.call({ op: "putBucketCors" }, (c) =>
      c.send(new PutBucketCorsCommand({ Bucket: this.settings.bucket, CORSConfiguration: { CORSRules: rules } })),
    );
  }
}
