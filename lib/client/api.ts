// Typed calls to the app's API used by the browser UI (see API.md). Upload calls live in ./upload.
import { errorFromResponse, requestJson, type FetchLike } from "./http";
import type {
  ApiFile,
  ApiFolder,
  BulkInput,
  FileList,
  FolderDetail,
  FolderTree,
  ListFilesParams,
  PathEntry,
  TrashList,
} from "../schemas/files";
import type { Me, Usage } from "../schemas/accounts";

export type {
  ApiFile,
  ApiFolder,
  BulkInput,
  FileList,
  FolderDetail,
  FolderTree,
  ListFilesParams,
  Me,
  PathEntry,
  TrashList,
  Usage,
};

interface CallOptions {
  signal?: AbortSignal;
  fetch?: FetchLike;
}

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
const id = (value: string) => encodeURIComponent(value);

function get<T>(url: string, options: CallOptions = {}): Promise<T> {
  return requestJson<T>(options.fetch ?? defaultFetch, url, { signal: options.signal });
}

function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  return requestJson<T>(defaultFetch, url, { method, body });
}

/** `?a=1&b=2` without the empty values. */
function queryString(params: object): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

export function listFiles(params: ListFilesParams, options: CallOptions = {}): Promise<FileList> {
  return get<FileList>(`/api/files${queryString(params)}`, options);
}

export function getMe(options: CallOptions = {}): Promise<Me> {
  return get<Me>("/api/me", options);
}

// ---- folders ------------------------------------------------------------------------------------

export const getFolder = (folderId: string, options?: CallOptions) =>
  get<FolderDetail>(`/api/folders/${id(folderId)}`, options);
export const getFolderTree = (options?: CallOptions) => get<FolderTree>("/api/folders/tree", options);

export async function createFolder(name: string, parentId: string | null): Promise<ApiFolder> {
  return (await send<{ folder: ApiFolder }>("POST", "/api/folders", { name, parentId: parentId ?? undefined })).folder;
}

/** Finds or creates the folders `path` below `parentId` (the root when null); answers the last one. */
export async function ensureFolder(parentId: string | null, path: string[]): Promise<ApiFolder> {
  return (await send<{ folder: ApiFolder }>("POST", "/api/folders/ensure", { parentId: parentId ?? undefined, path }))
    .folder;
}

export async function updateFolder(
  folderId: string,
  change: { name?: string; parentId?: string | null },
): Promise<ApiFolder> {
  return (await send<{ folder: ApiFolder }>("PATCH", `/api/folders/${id(folderId)}`, change)).folder;
}

export const trashFolder = (folderId: string) => send<void>("DELETE", `/api/folders/${id(folderId)}`);
export const deleteFolderForever = (folderId: string) =>
  send<void>("DELETE", `/api/folders/${id(folderId)}?permanent=1`);
export const restoreFolder = (folderId: string) => send<unknown>("POST", `/api/folders/${id(folderId)}/restore`);

// ---- files --------------------------------------------------------------------------------------

export async function updateFile(
  fileId: string,
  change: { name?: string; folderId?: string | null },
): Promise<ApiFile> {
  return (await send<{ file: ApiFile }>("PATCH", `/api/files/${id(fileId)}`, change)).file;
}

export const trashFile = (fileId: string) => send<void>("DELETE", `/api/files/${id(fileId)}`);
export const deleteFileForever = (fileId: string) => send<void>("DELETE", `/api/files/${id(fileId)}?permanent=1`);
export const restoreFile = (fileId: string) => send<unknown>("POST", `/api/files/${id(fileId)}/restore`);

/** Moves, trashes, restores or deletes many files and folders in one request. */
export const bulkAction = (request: BulkInput) => send<unknown>("POST", "/api/files/bulk", request);

// ---- trash --------------------------------------------------------------------------------------

export const listTrash = (cursor: string | null, options?: CallOptions) =>
  get<TrashList>(`/api/trash${queryString({ cursor })}`, options);
export const emptyTrash = () => send<void>("DELETE", "/api/trash");

// ---- bytes --------------------------------------------------------------------------------------

/** Stores a thumbnail made in the browser (webp, jpeg or png, at most 64 KiB). */
export async function putThumbnail(fileId: string, image: Blob): Promise<void> {
  const response = await fetch(`/api/files/${id(fileId)}/thumbnail`, {
    method: "PUT",
    credentials: "same-origin",
    headers: { "Content-Type": image.type },
    body: image,
  });
  if (!response.ok) throw await errorFromResponse(response);
}

/** Where the browser downloads a file (the server answers with a redirect to a signed URL). */
export function downloadUrl(fileId: string, options: { inline?: boolean } = {}): string {
  return `/api/files/${id(fileId)}/download${options.inline ? "?inline=1" : ""}`;
}

export const thumbnailUrl = (fileId: string) => `/api/files/${id(fileId)}/thumbnail`;
/** A folder streamed as one zip. */
export const folderZipUrl = (folderId: string) => `/api/folders/${id(folderId)}/zip`;
/** The form action that streams a selection as one zip (fields `fileIds` and `folderIds`, repeated). */
export const ZIP_URL = "/api/zip";
