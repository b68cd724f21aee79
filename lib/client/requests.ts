// Typed calls to the owner's side of file requests (docs/API.md "File requests") for the browser UI.
import { requestJson, type FetchLike } from "./http";
import type { FileRequestJson } from "../schemas/requests";

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
const path = (id: string) => `/api/requests/${encodeURIComponent(id)}`;

export async function createFileRequest(
  folderId: string,
  options: { expiresIn?: number; password?: string; maxFiles?: number; maxFileBytes?: number; message?: string },
): Promise<FileRequestJson> {
  const url = `/api/folders/${encodeURIComponent(folderId)}/requests`;
  return (await requestJson<{ request: FileRequestJson }>(defaultFetch, url, { method: "POST", body: options }))
    .request;
}

export async function listFileRequests(): Promise<FileRequestJson[]> {
  return (await requestJson<{ items: FileRequestJson[] }>(defaultFetch, "/api/requests")).items;
}

/** The owner looked at a request's arrivals: its badge goes back to zero. */
export const markFileRequestSeen = (id: string) =>
  requestJson<void>(defaultFetch, `${path(id)}/seen`, { method: "POST" });

export const revokeFileRequest = (id: string) => requestJson<void>(defaultFetch, path(id), { method: "DELETE" });
