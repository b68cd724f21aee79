// A file's older versions over HTTP (docs/API.md, "Versions").
import { requestJson, type FetchLike } from "@/lib/client/http";
import type { ApiFile } from "@/lib/client/api";
import type { FileVersionList, NameClashes } from "@/lib/schemas/versions";

const fetcher: FetchLike = (input, init) => globalThis.fetch(input, init);
const base = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}/versions`;

export const listVersions = (fileId: string, signal?: AbortSignal) =>
  requestJson<FileVersionList>(fetcher, base(fileId), { signal });

export async function restoreVersion(fileId: string, versionId: string): Promise<ApiFile> {
  const url = `${base(fileId)}/${encodeURIComponent(versionId)}/restore`;
  return (await requestJson<{ file: ApiFile }>(fetcher, url, { method: "POST" })).file;
}

export const deleteVersion = (fileId: string, versionId: string) =>
  requestJson<void>(fetcher, `${base(fileId)}/${encodeURIComponent(versionId)}`, { method: "DELETE" });

/** Where a version downloads (a 302 to a signed URL); `inline` previews safe types. */
export const versionDownloadHref = (fileId: string, versionId: string, inline = false) =>
  `${base(fileId)}/${encodeURIComponent(versionId)}/download${inline ? "?inline=1" : ""}`;

/** The names among `names` that a live file in `folderId` already has. */
export async function nameClashes(folderId: string | null, names: string[]): Promise<string[]> {
  const answer = await requestJson<NameClashes>(fetcher, "/api/files/name-clashes", {
    method: "POST",
    body: { folderId, names },
  });
  return answer.clashes.map((c) => c.name);
}
