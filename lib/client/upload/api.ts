// The app-server side of an upload: the shapes of the upload part of the HTTP contract (see
// API.md, "Uploads") and the client that speaks it.
import { ApiError, requestJson, type FetchLike } from "@/lib/client/http";
import type { ApiFile } from "@/lib/client/api";
import type { CreateUploadResponse, SignedPart } from "@/lib/schemas/uploads";
import { uploadErrorFromApi } from "./errors";

// The answers' shapes are shared with the server's services (lib/schemas/uploads.ts).
export type {
  CreateUploadResponse,
  MultipartUploadTarget,
  SignedPart,
  SingleUploadTarget,
} from "@/lib/schemas/uploads";

export interface CreateUploadRequest {
  name: string;
  size: number;
  type: string;
  folderId?: string;
  /** Replace the folder's live file of this name, keeping its bytes as a version (lib/versions). */
  replace?: boolean;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** The app-server side of an upload. Every method throws UploadError for error answers. */
export interface UploadApi {
  create(request: CreateUploadRequest): Promise<CreateUploadResponse>;
  signParts(uploadId: string, partNumbers: number[], signal?: AbortSignal): Promise<SignedPart[]>;
  /** `parts` for multipart uploads; omitted for a single PUT (sends `{}`). */
  complete(uploadId: string, parts?: CompletedPart[]): Promise<ApiFile>;
  /** DELETE: frees the reservation. An upload the server no longer knows counts as aborted. */
  abort(uploadId: string): Promise<void>;
}

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof ApiError ? uploadErrorFromApi(error) : error;
  }
}

/**
 * The UploadApi over HTTP, following API.md. `uploadsPath` is where the upload sessions live (a
 * user's `/api/uploads`, a file request visitor's `/api/r/<token>/uploads`); `createBody` adapts
 * what create sends (a visitor sends no folder, and the request's password).
 */
export function createHttpUploadApi(
  options: {
    fetch?: FetchLike;
    baseUrl?: string;
    uploadsPath?: string;
    createBody?: (request: CreateUploadRequest) => unknown;
  } = {},
): UploadApi {
  const base = `${options.baseUrl ?? ""}${options.uploadsPath ?? "/api/uploads"}`;
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const uploadUrl = (uploadId: string, suffix = "") => `${base}/${encodeURIComponent(uploadId)}${suffix}`;
  const createBody = options.createBody ?? ((request: CreateUploadRequest) => request);

  return {
    create: (request) =>
      mapErrors(() => requestJson<CreateUploadResponse>(doFetch, base, { method: "POST", body: createBody(request) })),

    signParts: (uploadId, partNumbers, signal) =>
      mapErrors(async () => {
        const answer = await requestJson<{ parts: SignedPart[] }>(doFetch, uploadUrl(uploadId, "/parts"), {
          method: "POST",
          body: { partNumbers },
          signal,
        });
        return answer.parts;
      }),

    complete: (uploadId, parts) =>
      mapErrors(async () => {
        const answer = await requestJson<{ file: ApiFile }>(doFetch, uploadUrl(uploadId, "/complete"), {
          method: "POST",
          body: parts ? { parts } : {},
        });
        return answer.file;
      }),

    abort: (uploadId) =>
      mapErrors(async () => {
        try {
          // keepalive: a cancel right before the tab closes still reaches the server.
          await requestJson<void>(doFetch, uploadUrl(uploadId), { method: "DELETE", keepalive: true });
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 410)) return;
          throw error;
        }
      }),
  };
}
