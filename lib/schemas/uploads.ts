// Uploads: request schemas and response types shared by the services and the browser's upload
// engine (lib/client/upload). Nothing here may import server-only code.
import { z } from "zod";
import type { WithDates } from "./dates";
import { itemName } from "./files";

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\s*;.*)?$/i;

export const createUploadInput = z.object({
  name: itemName,
  size: z
    .number({ message: "size must be a number of bytes." })
    .int({ message: "size must be a whole number of bytes." })
    .nonnegative({ message: "size cannot be negative." }),
  type: z
    .string()
    .trim()
    .default("")
    .transform((t) => (t === "" ? "application/octet-stream" : t.toLowerCase()))
    .refine((t) => MIME.test(t) && t.length <= 255, { message: "type must be a MIME type such as text/plain." }),
  folderId: z.string().min(1).nullish(),
  /**
   * True: when a live file of this name is in the folder, completing the upload replaces its bytes
   * and keeps the old ones as a version. Otherwise a clashing name gets " (1)".
   */
  replace: z.boolean().optional(),
});
export type CreateUploadInput = z.infer<typeof createUploadInput>;

export const MAX_PARTS_PER_REQUEST = 100;

export const signPartsInput = z.object({
  partNumbers: z
    .array(z.number().int().positive())
    .min(1, { message: "partNumbers needs at least one part number." })
    .max(MAX_PARTS_PER_REQUEST, { message: `Ask for at most ${MAX_PARTS_PER_REQUEST} parts at a time.` }),
});

export const completeInput = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().positive(), etag: z.string().trim().min(1).max(200) }))
    .max(10_000)
    .optional(),
});

// ── Responses ─────────────────────────────────────────────────────────────────

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

/** POST /api/uploads. */
export type CreateUploadResponse = SingleUploadTarget | MultipartUploadTarget;
/** CreateUploadResponse as createUpload builds it (lib/uploads/create.ts), its expiry still a Date. */
export type CreatedUpload = WithDates<SingleUploadTarget, "expiresAt"> | WithDates<MultipartUploadTarget, "expiresAt">;

export interface SignedPart {
  partNumber: number;
  url: string;
  headers?: Record<string, string>;
}

/** POST /api/uploads/{id}/parts. */
export interface SignedParts {
  parts: SignedPart[];
}

interface UploadSessionInfo extends UploadTargetBase {
  name: string;
  size: number;
  type: string;
}

/** GET /api/uploads/{id}: the session, so a client can resume it after a reload. */
export type UploadDescription =
  (UploadSessionInfo & { method: "PUT" }) | (UploadSessionInfo & Pick<MultipartUploadTarget, "multipart">);
/** UploadDescription as describeUpload builds it (lib/uploads/find.ts). */
export type UploadDescriptionJson = WithDates<UploadDescription, "expiresAt">;

// ── Batches: many small files per request (POST /api/uploads/batch, /api/uploads/batch/complete) ──

/** Files per batch request: large enough to pay for the request, small enough for one transaction. */
export const MAX_BATCH_FILES = 500;

export const createUploadBatchInput = z.object({
  files: z
    .array(createUploadInput)
    .min(1, { message: "files needs at least one file." })
    .max(MAX_BATCH_FILES, { message: `Send at most ${MAX_BATCH_FILES} files per batch.` })
    .refine((files) => !files.some((f) => f.replace), {
      message: "replace is not accepted in a batch: send uploads that replace a file one by one.",
    }),
});

export const completeUploadBatchInput = z.object({
  uploadIds: z
    .array(z.string().min(1).max(100))
    .min(1, { message: "uploadIds needs at least one upload id." })
    .max(MAX_BATCH_FILES, { message: `Complete at most ${MAX_BATCH_FILES} uploads per batch.` }),
});

/** One file's failure inside a batch: the status and error body its own request would have had. */
export interface BatchItemError {
  status: number;
  error: { code: string; message: string; [detail: string]: unknown };
}

/**
 * One PUT carrying several of the batch's files (the local driver only): their bytes one after
 * another, in `uploadIds` order, sent to `url` with exactly `headers`. Each file's own URL still
 * works: a client that ignores groups, or whose group PUT failed, sends the files one by one.
 */
export interface UploadGroupTarget {
  method: "PUT";
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
  uploadIds: string[];
}

/** POST /api/uploads/batch: one entry per file, in the request's order. */
export interface CreateUploadBatchResponse {
  uploads: (SingleUploadTarget | BatchItemError)[];
  /** Group PUTs for the batch's small files, when the store offers them (the local driver). */
  groups?: UploadGroupTarget[];
}

/** POST /api/uploads/batch/complete: one entry per upload id, in the request's order. */
export interface CompleteUploadBatchResponse<F = unknown> {
  results: ({ uploadId: string; file: F } | ({ uploadId: string } & BatchItemError))[];
}
