// Names for the argument shapes of StorageDriver and BlobTarget (types.ts declares them inline),
// so the modules implementing them do not spell each shape out again.
import type { BlobTarget, StorageDriver } from "./types";

export type UploadUrlRequest = Parameters<StorageDriver["createUploadUrl"]>[0];
export type PartUrlRequest = Parameters<StorageDriver["signPart"]>[0];
export type DownloadUrlRequest = Parameters<StorageDriver["createDownloadUrl"]>[0];
export type CreateMultipartRequest = Parameters<StorageDriver["createMultipart"]>[0];
export type CompleteMultipartRequest = Parameters<StorageDriver["completeMultipart"]>[0];
/** Names one multipart upload: its key and the store's upload id. */
export type MultipartRef = Parameters<StorageDriver["abortMultipart"]>[0];
export type PutObjectRequest = Parameters<BlobTarget["putObject"]>[0];
export type PutPartRequest = Parameters<BlobTarget["putPart"]>[0];
