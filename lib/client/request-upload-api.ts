// The upload protocol of a file request's visitor (/api/r/<token>/uploads…): the same steps as a
// user's upload (create, signed PUTs or parts straight to the store, complete), so the visitor page
// runs the same upload engine (lib/client/upload/uploader.ts) over it.
import { ApiError, requestJson, type FetchLike } from "@/lib/client/http";
import type { ApiFile } from "@/lib/client/api";
import type { CreateUploadResponse, SignedPart } from "@/lib/schemas/uploads";
import { uploadErrorFromApi } from "./upload/errors";
import type { UploadApi } from "./upload/api";

const fetcher: FetchLike = (input, init) => globalThis.fetch(input, init);

async function mapErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof ApiError ? uploadErrorFromApi(error) : error;
  }
}

/** `password()` is sent with each create until the server's unlock cookie makes it unnecessary. */
export function requestUploadApi(token: string, password: () => string | undefined): UploadApi {
  const base = `/api/r/${encodeURIComponent(token)}/uploads`;
  const one = (id: string, suffix = "") => `${base}/${encodeURIComponent(id)}${suffix}`;
  return {
    create: (request) =>
      mapErrors(() =>
        requestJson<CreateUploadResponse>(fetcher, base, {
          method: "POST",
          body: { name: request.name, size: request.size, type: request.type, password: password() },
        }),
      ),
    signParts: (uploadId, partNumbers, signal) =>
      mapErrors(async () => {
        const answer = await requestJson<{ parts: SignedPart[] }>(fetcher, one(uploadId, "/parts"), {
          method: "POST",
          body: { partNumbers },
          signal,
        });
        return answer.parts;
      }),
    // The visitor learns only its file's name and size; the engine's file type is wider.
    complete: (uploadId, parts) =>
      mapErrors(async () => {
        const answer = await requestJson<{ file: ApiFile }>(fetcher, one(uploadId, "/complete"), {
          method: "POST",
          body: parts ? { parts } : {},
        });
        return answer.file;
      }),
    abort: (uploadId) =>
      mapErrors(async () => {
        try {
          await requestJson<void>(fetcher, one(uploadId), { method: "DELETE", keepalive: true });
        } catch (error) {
          if (error instanceof ApiError && (error.status === 404 || error.status === 410)) return;
          throw error;
        }
      }),
  };
}

/** The owner makes an upload-only link to a folder (POST /api/folders/{id}/requests). */
