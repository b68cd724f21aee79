// Typed calls to the app's API used by the browser UI (see API.md). Upload calls live in ./upload.
import { requestJson, type FetchLike } from "./http";
import type { ApiFile, ApiFolder, FileList, ListFilesParams } from "../schemas/files";
import type { Me, Usage } from "../schemas/accounts";

export type { ApiFile, ApiFolder, FileList, ListFilesParams, Me, Usage };

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export function listFiles(params: ListFilesParams, options: { signal?: AbortSignal; fetch?: FetchLike } = {}): Promise<FileList> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  return requestJson<FileList>(options.fetch ?? defaultFetch, `/api/files?${query}`, { signal: options.signal });
}

export function getMe(options: { signal?: AbortSignal; fetch?: FetchLike } = {}): Promise<Me> {
  return requestJson<Me>(options.fetch ?? defaultFetch, "/api/me", { signal: options.signal });
}

/** Where the browser downloads a file (the server answers with a redirect to a signed URL). */
export function downloadUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}/download`;
}
