// Typed calls to the app's API used by the browser UI (see API.md). Upload calls live in ./upload.
import { requestJson, type FetchLike } from "./http";

/** A file as the API returns it. */
export interface ApiFile {
  id: string;
  name: string;
  size: number;
  type: string;
  folderId: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface ApiFolder {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: string;
}

export interface FileList {
  folders: ApiFolder[];
  items: ApiFile[];
  nextCursor: string | null;
}

export interface ListFilesParams {
  folderId?: string | null;
  q?: string;
  sort?: "name" | "size" | "createdAt";
  order?: "asc" | "desc";
  cursor?: string | null;
  limit?: number;
}

export interface Usage {
  usedBytes: number;
  /** null: unlimited. */
  quotaBytes: number | null;
  fileCount: number;
}

export interface Me {
  user: { id: string; email: string; name: string | null; role: "USER" | "ADMIN" };
  usage: Usage;
}

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
