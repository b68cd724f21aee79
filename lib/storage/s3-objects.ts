// Whole objects of the S3 driver: stat, read (with ranges), write, delete and list, all under
// S3_PREFIX inside the bucket.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { normalizeContentType } from "./content";
import { InvalidRangeError, StorageError, type ErrorContext } from "./errors";
import { assertValidKey, assertValidPrefix } from "./keys";
import { logged, loggedList } from "./oplog";
import type { S3Bucket } from "./s3-bucket";
import { etagMd5, writeMultipart } from "./s3-multipart";
import type { ByteRange, ObjectInfo, PutObjectRequest, ReadResult } from "./types";
import { assertSize } from "./validate";

/** How putObject() sends a body: in one PutObject up to `multipartThreshold` bytes, else in parts. */
export interface WritePolicy {
  multipartThreshold: number;
  partSize: number;
}

export async function statObject(bucket: S3Bucket, key: string): Promise<ObjectInfo> {
  assertValidKey(key);
  return logged(
    { op: "stat", driver: "s3", key },
    async () => {
      const out = await bucket.call({ op: "stat", key }, (c) =>
        c.send(new HeadObjectCommand({ Bucket: bucket.settings.bucket, Key: bucket.objectKey(key) })),
      );
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: out.ETag,
        type: out.ContentType,
        lastModified: out.LastModified,
      };
    },
    (info) => info.size,
  );
}

export async function readObject(bucket: S3Bucket, key: string, range?: ByteRange): Promise<ReadResult> {
  assertValidKey(key);
  if (
    range &&
    (!Number.isSafeInteger(range.start) ||
      !Number.isSafeInteger(range.end) ||
      range.start < 0 ||
      range.end < range.start)
  ) {
    throw new InvalidRangeError(0, "The requested range is malformed.");
  }
  return logged(
    { op: "read", driver: "s3", key },
    async () => {
      let out;
      try {
        out = await bucket.call({ op: "read", key }, (c) =>
          c.send(
            new GetObjectCommand({
              Bucket: bucket.settings.bucket,
              Key: bucket.objectKey(key),
              Range: range ? `bytes=${range.start}-${range.end}` : undefined,
            }),
          ),
        );
      } catch (err) {
        if (err instanceof InvalidRangeError) throw new InvalidRangeError((await statObject(bucket, key)).size);
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
    },
    (r) => (r.range ? r.range.end - r.range.start + 1 : r.size),
  );
}

/**
 * Streams exactly `size` bytes to `key`: one PutObject with that Content-Length, or above the
 * policy's threshold a multipart upload holding one part in memory at a time.
 */
export async function putObject(
  bucket: S3Bucket,
  o: PutObjectRequest,
  policy: WritePolicy,
): Promise<{ etag?: string; md5?: string }> {
  assertValidKey(o.key);
  assertSize(o.size);
  const type = normalizeContentType(o.type);
  await bucket.ensureExists();
  return logged({ op: "write", driver: "s3", key: o.key, bytes: o.size }, async () => {
    if (o.size > policy.multipartThreshold) return writeMultipart(bucket, o.key, o.body, o.size, type, policy.partSize);
    const ctx: ErrorContext = { op: "write", key: o.key };
    return bucket.sendBody(ctx, o.body, o.size, async (stream, signal) => {
      const out = await bucket.client.send(
        new PutObjectCommand({
          Bucket: bucket.settings.bucket,
          Key: bucket.objectKey(o.key),
          Body: stream,
          ContentLength: o.size,
          ContentType: type,
          ServerSideEncryption: bucket.settings.sse,
        }),
        { abortSignal: signal },
      );
      return { etag: out.ETag, md5: etagMd5(out.ETag, bucket.settings.sse) };
    });
  });
}

export async function deleteObject(bucket: S3Bucket, key: string): Promise<void> {
  assertValidKey(key);
  await logged({ op: "delete", driver: "s3", key }, async () => {
    try {
      await bucket.call({ op: "delete", key }, (c) =>
        c.send(new DeleteObjectCommand({ Bucket: bucket.settings.bucket, Key: bucket.objectKey(key) })),
      );
    } catch (err) {
      if ((err as StorageError).code === "not_found") return; // S3 answers 204 anyway; some stores 404
      throw err;
    }
  });
}

/** Every object whose key starts with `prefix`, in key order, page after page (`pageSize` keys a request). */
export async function* listObjects(bucket: S3Bucket, prefix: string, pageSize?: number): AsyncGenerator<ObjectInfo> {
  assertValidPrefix(prefix);
  yield* loggedList("s3", prefix, pages(bucket, prefix, pageSize));
}

async function* pages(bucket: S3Bucket, prefix: string, pageSize?: number): AsyncGenerator<ObjectInfo> {
  const { settings } = bucket;
  const full = settings.prefix + prefix;
  let token: string | undefined;
  do {
    const out = await bucket.call({ op: "list", key: prefix }, (c) =>
      c.send(
        new ListObjectsV2Command({
          Bucket: settings.bucket,
          Prefix: full || undefined,
          ContinuationToken: token,
          MaxKeys: pageSize,
        }),
      ),
    );
    for (const item of out.Contents ?? []) {
      if (!item.Key || !item.Key.startsWith(settings.prefix)) continue;
      yield {
        key: item.Key.slice(settings.prefix.length),
        size: item.Size ?? 0,
        etag: item.ETag,
        lastModified: item.LastModified,
      };
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
}
