// Multipart uploads of the S3 driver: the ones browsers make (create, relay-mode parts,
// complete, abort), and write()'s own for bodies too large for one PutObject.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import crypto from "node:crypto";
import { normalizeContentType } from "./content";
import { IntegrityError, StorageError, UnsupportedOperationError, type ErrorContext } from "./errors";
import { assertValidKey } from "./keys";
import { logged } from "./oplog";
import type { S3Bucket } from "./s3-bucket";
import { exactLength, readChunk } from "./streams";
import type {
  ByteSource,
  CompleteMultipartRequest,
  CreateMultipartRequest,
  MultipartRef,
  PendingMultipart,
  PutPartRequest,
} from "./types";
import { assertAscendingParts, assertPartNumber, assertSize } from "./validate";

type Body = ByteSource;

export async function createMultipart(bucket: S3Bucket, o: CreateMultipartRequest): Promise<{ uploadId: string }> {
  assertValidKey(o.key);
  const ctx: ErrorContext = { op: "createMultipart", key: o.key };
  await bucket.ensureExists();
  return logged({ op: "createMultipart", driver: "s3", key: o.key }, async () => {
    return { uploadId: await startUpload(bucket, ctx, o.key, normalizeContentType(o.type)) };
  });
}

/** Streams one part of a multipart upload (relay mode) with its exact Content-Length. */
export async function putPart(bucket: S3Bucket, o: PutPartRequest): Promise<{ etag: string }> {
  assertValidKey(o.key);
  assertPartNumber(o.partNumber);
  assertSize(o.size);
  const ctx: ErrorContext = { op: "putPart", key: o.key, uploadId: o.uploadId };
  return logged(
    { op: "putPart", driver: "s3", key: o.key, uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size },
    () =>
      bucket.sendBody(ctx, o.body, o.size, async (stream, signal) => {
        const out = await bucket.client.send(
          new UploadPartCommand({
            Bucket: bucket.settings.bucket,
            Key: bucket.objectKey(o.key),
            UploadId: o.uploadId,
            PartNumber: o.partNumber,
            Body: stream,
            ContentLength: o.size,
          }),
          { abortSignal: signal },
        );
        return { etag: partEtag(out.ETag, o.partNumber, o.key) };
      }),
  );
}

export async function completeMultipart(bucket: S3Bucket, o: CompleteMultipartRequest): Promise<void> {
  assertValidKey(o.key);
  assertAscendingParts(o.parts);
  const ctx: ErrorContext = { op: "completeMultipart", key: o.key, uploadId: o.uploadId };
  await logged({ op: "completeMultipart", driver: "s3", key: o.key, uploadId: o.uploadId }, async () => {
    await finishUpload(
      bucket,
      ctx,
      o.key,
      o.uploadId,
      o.parts.map((p) => ({ PartNumber: p.partNumber, ETag: quoteEtag(p.etag) })),
    );
  });
}

export async function abortMultipart(bucket: S3Bucket, o: MultipartRef): Promise<void> {
  assertValidKey(o.key);
  const ctx: ErrorContext = { op: "abortMultipart", key: o.key, uploadId: o.uploadId };
  await logged({ op: "abortMultipart", driver: "s3", key: o.key, uploadId: o.uploadId }, async () => {
    try {
      await bucket.client.send(
        new AbortMultipartUploadCommand({
          Bucket: bucket.settings.bucket,
          Key: bucket.objectKey(o.key),
          UploadId: o.uploadId,
        }),
      );
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      // Already completed or aborted (NoSuchUpload / 404), or a store without the call (405).
      if (e.name === "NoSuchUpload" || status === 404 || status === 405) return;
      throw bucket.mapError(err, ctx);
    }
  });
}

/**
 * ListMultipartUploads under S3_PREFIX, page after page (key order, then upload id). A store
 * without the call (405/501/NotImplemented) fails with UnsupportedOperationError.
 */
export async function* listMultipart(bucket: S3Bucket, pageSize?: number): AsyncGenerator<PendingMultipart> {
  const { settings } = bucket;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    let out;
    try {
      out = await bucket.client.send(
        new ListMultipartUploadsCommand({
          Bucket: settings.bucket,
          Prefix: settings.prefix || undefined,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
          MaxUploads: pageSize,
        }),
      );
    } catch (err) {
      const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      if (status === 405 || status === 501 || e.name === "NotImplemented" || e.name === "MethodNotAllowed") {
        throw new UnsupportedOperationError(`${bucket.endpoint} cannot list multipart uploads.`, { cause: err });
      }
      throw bucket.mapError(err, { op: "listMultipart" });
    }
    for (const upload of out.Uploads ?? []) {
      if (!upload.Key?.startsWith(settings.prefix) || !upload.UploadId) continue;
      const key = upload.Key.slice(settings.prefix.length);
      yield { key, uploadId: upload.UploadId, initiated: upload.Initiated ?? new Date() };
    }
    keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
    uploadIdMarker = out.IsTruncated ? out.NextUploadIdMarker : undefined;
  } while (keyMarker);
}

/**
 * write() of a large body: parts of `minPartSize` (or more, to stay within 10,000 parts), sent
 * one at a time, so only one part is ever held in memory. Aborts the upload on any failure.
 * Answers the whole body's MD5 when the store's ETag of every part matched the MD5 of what was sent.
 */
export async function writeMultipart(
  bucket: S3Bucket,
  key: string,
  body: Body,
  size: number,
  type: string,
  minPartSize: number,
): Promise<{ etag?: string; md5?: string }> {
  const ctx: ErrorContext = { op: "write", key };
  const whole = crypto.createHash("md5");
  let partsMatch = true;
  const partSize = Math.max(minPartSize, Math.ceil(size / 10_000 / (1024 * 1024)) * 1024 * 1024);
  const uploadId = await startUpload(bucket, ctx, key, type);
  const reader = exactLength(body, size).getReader();
  const leftover = { bytes: null as Uint8Array | null };
  const parts: { PartNumber: number; ETag: string }[] = [];
  try {
    let offset = 0;
    for (let partNumber = 1; offset < size; partNumber++) {
      const length = Math.min(partSize, size - offset);
      const chunk = await readChunk(reader, length, leftover); // errors with IntegrityError on a wrong length
      if (chunk.byteLength < length) throw IntegrityError.wrongLength(size, offset + chunk.byteLength);
      const out = await bucket.call({ ...ctx, uploadId }, (c) =>
        c.send(
          new UploadPartCommand({
            Bucket: bucket.settings.bucket,
            Key: bucket.objectKey(key),
            UploadId: uploadId,
            PartNumber: partNumber,
            Body: chunk,
            ContentLength: length,
          }),
        ),
      );
      parts.push({ PartNumber: partNumber, ETag: partEtag(out.ETag, partNumber, key) });
      whole.update(chunk);
      partsMatch &&= etagMd5(out.ETag, bucket.settings.sse) === crypto.createHash("md5").update(chunk).digest("hex");
      offset += length;
    }
    // exactLength only hands over the last bytes once the source has ended: nothing is left.
    const etag = await finishUpload(bucket, { ...ctx, uploadId }, key, uploadId, parts);
    return { etag, md5: partsMatch ? whole.digest("hex") : undefined };
  } catch (err) {
    await reader.cancel(err).catch(() => {});
    await abortMultipart(bucket, { key, uploadId }).catch(() => {});
    throw err;
  }
}

/** CreateMultipartUpload; answers the store's upload id. */
async function startUpload(bucket: S3Bucket, ctx: ErrorContext, key: string, type: string): Promise<string> {
  const out = await bucket.call(ctx, (c) =>
    c.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket.settings.bucket,
        Key: bucket.objectKey(key),
        ContentType: type,
        ServerSideEncryption: bucket.settings.sse,
      }),
    ),
  );
  if (!out.UploadId) throw new StorageError(`The store started no multipart upload for "${key}" (no UploadId).`);
  return out.UploadId;
}

/** CompleteMultipartUpload; answers the object's ETag. */
async function finishUpload(
  bucket: S3Bucket,
  ctx: ErrorContext,
  key: string,
  uploadId: string,
  parts: { PartNumber: number; ETag: string }[],
): Promise<string | undefined> {
  const out = await bucket.call(ctx, (c) =>
    c.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket.settings.bucket,
        Key: bucket.objectKey(key),
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    ),
  );
  return out.ETag;
}

/** Completing needs every part's ETag, so a store that answers none has failed. */
function partEtag(etag: string | undefined, partNumber: number, key: string): string {
  if (!etag) throw new StorageError(`The store answered no ETag for part ${partNumber} of "${key}".`);
  return etag;
}

/** The MD5 an ETag carries: a plain (not multipart, not SSE-KMS) S3 ETag is the MD5 of the body. */
export function etagMd5(etag: string | undefined, sse: string | undefined): string | undefined {
  const bare = etag?.trim().replace(/"/g, "").toLowerCase();
  return sse !== "aws:kms" && bare && /^[0-9a-f]{32}$/.test(bare) ? bare : undefined;
}

function quoteEtag(etag: string): string {
  const bare = etag.trim().replace(/"/g, "");
  return `"${bare}"`;
}
