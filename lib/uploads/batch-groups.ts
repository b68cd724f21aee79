// Group PUTs for a batch's small files on the local driver (issue 24): one signed request carries
// many files' bytes, split by their signed sizes (lib/storage/local-group.ts), so a dropped folder
// costs one PUT per group instead of one per file. On S3 each file keeps its own presigned PUT,
// straight to the bucket. Each file's own URL stays valid: a failed group falls back to them.
import type { LocalDriver } from "../storage/local";
import { driverForNewUpload } from "../storage";
import { MAX_GROUP_FILES } from "../storage/url-token";
import type { WithDates } from "../schemas/dates";
import type { UploadGroupTarget } from "../schemas/uploads";
import type { BatchCreated } from "./batch-create";

/** Files up to this size travel in groups (larger ones gain little from sharing a request). */
export const GROUP_FILE_BYTES = 1024 * 1024;
/** A group's body at most (a failed group is sent again file by file: keep that cheap). */
export const GROUP_BYTES = 8 * 1024 * 1024;
const PUT_URL_SECONDS = 15 * 60;

/** Signs group PUTs over the batch's created small files, in batch order; none off the local driver. */
export async function signUploadGroups(results: BatchCreated[]): Promise<WithDates<UploadGroupTarget, "expiresAt">[]> {
  const driver = await driverForNewUpload();
  if (driver.name !== "local") return [];
  const local = driver as unknown as LocalDriver;
  const groups: WithDates<UploadGroupTarget, "expiresAt">[] = [];
  let members: { key: string; size: number; uploadId: string; expiresAt: Date }[] = [];
  let bytes = 0;
  const close = () => {
    if (members.length >= 2) {
      const expiresIn = Math.min(
        PUT_URL_SECONDS,
        Math.floor((Math.min(...members.map((m) => m.expiresAt.getTime())) - Date.now()) / 1000),
      );
      const signed = local.createGroupUploadUrl(members, expiresIn);
      groups.push({
        method: "PUT",
        url: signed.url,
        headers: signed.headers,
        expiresAt: signed.expiresAt,
        uploadIds: members.map((m) => m.uploadId),
      });
    }
    members = [];
    bytes = 0;
  };
  for (const r of results) {
    if (!r?.ok || r.size > GROUP_FILE_BYTES) continue;
    // One owner folder per group: the token lists the keys under one prefix.
    const folder = r.key.slice(0, r.key.lastIndexOf("/"));
    const first = members[0];
    if (
      members.length >= MAX_GROUP_FILES ||
      bytes + r.size > GROUP_BYTES ||
      (first && first.key.slice(0, first.key.lastIndexOf("/")) !== folder)
    )
      close();
    members.push({ key: r.key, size: r.size, uploadId: r.target.uploadId, expiresAt: r.target.expiresAt });
    bytes += r.size;
  }
  close();
  return groups;
}
