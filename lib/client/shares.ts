// Typed calls to the share-link API (API.md "Share links") for the browser UI.
import { requestJson, type FetchLike } from "./http";
import type { ApiShare, ShareList } from "../schemas/shares";

export type { ApiShare, ShareList };

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export interface ShareSettings {
  expiresIn?: number;
  /** ISO-8601 time. */
  expiresAt?: string;
  password?: string | null;
  maxDownloads?: number | null;
}

export async function createShare(
  target: { type: "file" | "folder"; id: string },
  settings: ShareSettings,
): Promise<ApiShare> {
  const base = target.type === "file" ? "/api/files" : "/api/folders";
  const { password, ...rest } = settings;
  const body = password ? { ...rest, password } : rest;
  const answer = await requestJson<{ share: ApiShare }>(
    defaultFetch,
    `${base}/${encodeURIComponent(target.id)}/shares`,
    { method: "POST", body },
  );
  return answer.share;
}

export function listShares(options: { signal?: AbortSignal; fetch?: FetchLike } = {}): Promise<ShareList> {
  return requestJson<ShareList>(options.fetch ?? defaultFetch, "/api/shares", { signal: options.signal });
}

export async function updateShare(id: string, settings: ShareSettings): Promise<ApiShare> {
  const answer = await requestJson<{ share: ApiShare }>(defaultFetch, `/api/shares/${encodeURIComponent(id)}`, {
    method: "PATCH",
    body: settings,
  });
  return answer.share;
}

export function revokeShare(id: string): Promise<void> {
  return requestJson<void>(defaultFetch, `/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" });
}
