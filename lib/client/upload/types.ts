// Shapes of the upload part of the HTTP contract (see API.md, "Uploads").
import type { ApiFile } from "@/lib/client/api";

export type { ApiFile };

export interface CreateUploadRequest {
  name: string;
  size: number;
  type: string;
  folderId?: string;
}

interface UploadTargetBase {
  uploadId: string;
  fileId: string;
  expiresAt: string;
}

/** One signed PUT of the whole body, sent with exactly `headers`. */
export interface SingleUploadTarget extends UploadTargetBase {
  method: "PUT";
  url: string;
  headers: Record<string, string>;
}

/** A multipart upload: part URLs are requested in batches. */
export interface MultipartUploadTarget extends UploadTargetBase {
  multipart: { partSize: number; partCount: number };
}

export type CreateUploadResponse = SingleUploadTarget | MultipartUploadTarget;

export interface SignedPart {
  partNumber: number;
  url: string;
  headers?: Record<string, string>;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** What the engine needs of a browser `File` (a Blob with a name), so tests can pass plain objects. */
export interface UploadSource {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly lastModified?: number;
  slice(start?: number, end?: number, contentType?: string): Blob;
}
