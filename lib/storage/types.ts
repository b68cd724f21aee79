// The storage-driver interface. Drivers know keys and bytes only: no users, quotas or Prisma.
// Folders live in the database, so there are no directory operations here.

export type DriverName = "local" | "s3";

export interface SignedRequest {
  method: "PUT" | "GET";
  url: string;
  /** Headers the client must send with the request (e.g. Content-Type). */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface ObjectInfo {
  key: string;
  size: number;
  etag?: string;
  type?: string;
  lastModified?: Date;
}

/** How a listing reads the store: `pageSize` objects per request (S3 MaxKeys; default 1000). */
export interface ListOptions {
  pageSize?: number;
}

/** A multipart upload the store still holds parts of: started, neither completed nor aborted. */
export interface PendingMultipart {
  key: string;
  uploadId: string;
  initiated: Date;
}

export interface ByteRange {
  start: number;
  /** Inclusive, like HTTP's Range header. */
  end: number;
}

/**
 * A body to store: a Web stream, or any async iterable of byte chunks (such as Node's request
 * stream, which the production server hands over as it is: converting every socket-sized chunk
 * to a Web stream cost about 0.9 s of CPU per GiB).
 */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface ReadResult {
  body: ReadableStream<Uint8Array>;
  /** Size of the whole object. */
  size: number;
  type?: string;
  range?: ByteRange;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

export interface HealthReport {
  driver: DriverName;
  ok: boolean;
  bucket?: string;
  endpoint?: string;
  /** A sentence a person can act on when ok is false (never a secret). */
  message?: string;
}

export interface WriteResult {
  /**
   * MD5 (hex) of the bytes now stored, as the store reported it (S3 ETags, part by part) or as the
   * driver computed it while writing them to disk (local); undefined when the store cannot tell
   * (e.g. S3_SSE=aws:kms, whose ETags are not MD5s): then only reading the object back proves it.
   */
  md5?: string;
}

export interface StorageDriver {
  readonly name: DriverName;
  /** Signs one PUT of exactly `size` bytes of `type` to `key`, valid for `expiresIn` seconds. */
  createUploadUrl(o: { key: string; size: number; type: string; expiresIn: number }): Promise<SignedRequest>;
  /** Signs single PUTs for many objects (a batch's), in order; one log line on the local driver. */
  createUploadUrls(requests: UploadUrlRequest[]): Promise<SignedRequest[]>;
  /**
   * Starts a multipart upload for `key` whose parts all have `partSize` bytes but the last (the local
   * driver writes each part straight to its offset), and returns the store's upload id.
   */
  createMultipart(o: { key: string; type: string; partSize: number }): Promise<{ uploadId: string }>;
  /** Signs the PUT of one part of exactly `size` bytes. */
  signPart(o: {
    key: string;
    uploadId: string;
    partNumber: number;
    size: number;
    expiresIn: number;
  }): Promise<SignedRequest>;
  /** Joins the uploaded parts into the object at `key`. */
  completeMultipart(o: { key: string; uploadId: string; parts: CompletedPart[] }): Promise<void>;
  /** Discards a multipart upload and its stored parts; safe to call twice. */
  abortMultipart(o: { key: string; uploadId: string }): Promise<void>;
  /** Signs a GET of `key` answering with this disposition, file name and type. */
  createDownloadUrl(o: {
    key: string;
    filename: string;
    type: string;
    disposition: "attachment" | "inline";
    expiresIn: number;
    /**
     * Who handed the URL out (e.g. a share link), carried by app-served URLs so the app can end
     * them early (lib/http/blob-endpoint.ts); a bucket's presigned URL cannot carry it.
     */
    scope?: string;
  }): Promise<SignedRequest>;
  /** Size and metadata of the stored object; throws ObjectNotFoundError. */
  stat(key: string): Promise<ObjectInfo>;
  /** Sizes of many stored objects, null where none is stored (a batch's complete): one log line on the local driver. */
  sizes(keys: string[]): Promise<(number | null)[]>;
  /** Streams the object, or the inclusive byte range of it; throws ObjectNotFoundError. */
  read(key: string, range?: ByteRange): Promise<ReadResult>;
  /** Stores exactly `size` bytes from `body` at `key`; throws IntegrityError on another length. */
  write(key: string, body: ReadableStream<Uint8Array>, size: number, type?: string): Promise<WriteResult>;
  /** Removes the object; succeeds when it is already gone. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order (byte order), read page by page. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo>;
  /**
   * Every multipart upload still open in the store, in key order, page by page; throws
   * UnsupportedOperationError when the store cannot list them.
   */
  listMultipart(options?: ListOptions): AsyncIterable<PendingMultipart>;
  /** A cheap reachability check for /api/health. */
  check(): Promise<HealthReport>;
}

/**
 * Implemented by drivers whose URLs can point at the app itself (`/api/blob/<token>`): the local
 * driver, and the S3 driver in relay mode. The blob route hands verified request bodies to these.
 */
export interface BlobTarget {
  /** Stores exactly `size` bytes as the whole object at `key`; answers the store's ETag (quoted) when it has one. */
  putObject(o: {
    key: string;
    body: ByteSource;
    size: number;
    type: string;
    commitCheck?: CommitCheck;
  }): Promise<{ etag?: string }>;
  /**
   * Stores exactly `size` bytes as part `partNumber` of a multipart upload; answers its ETag (quoted).
   * No commit check: a part is not the object. The store keeps its record with the upload (the
   * local driver: inside the upload's staging folder, which aborting removes), and completing,
   * which makes the object, asks the app's books again.
   */
  putPart(o: { key: string; uploadId: string; partNumber: number; body: ByteSource; size: number }): Promise<{
    etag: string;
  }>;
}

/**
 * Asked once the whole body has arrived, just before the bytes are moved into place (local
 * driver: the rename of the temp file); throws to refuse them, and the bytes are then removed at
 * once. A store that streams straight into place (S3 relay mode) cannot ask it.
 */
export type CommitCheck = () => Promise<void>;

// Names for the argument shapes of StorageDriver and BlobTarget (declared inline above), so the
// modules implementing them do not spell each shape out again.
export type UploadUrlRequest = Parameters<StorageDriver["createUploadUrl"]>[0];
export type PartUrlRequest = Parameters<StorageDriver["signPart"]>[0];
export type DownloadUrlRequest = Parameters<StorageDriver["createDownloadUrl"]>[0];
export type CreateMultipartRequest = Parameters<StorageDriver["createMultipart"]>[0];
export type CompleteMultipartRequest = Parameters<StorageDriver["completeMultipart"]>[0];
/** Names one multipart upload: its key and the store's upload id. */
export type MultipartRef = Parameters<StorageDriver["abortMultipart"]>[0];
export type PutObjectRequest = Parameters<BlobTarget["putObject"]>[0];
export type PutPartRequest = Parameters<BlobTarget["putPart"]>[0];
