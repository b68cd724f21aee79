// meta.json of a local multipart upload ({key, type, partSize, createdAt}, written once when the
// upload starts and never changed), read once per upload and process rather than once per part.
import fsp from "node:fs/promises";
import path from "node:path";
import { UploadNotFoundError } from "./errors";
import type { LocalLayout } from "./local-fs";
import { perProcess } from "../per-process";

export interface MultipartMeta {
  key: string;
  type: string;
  partSize: number;
  createdAt: string;
}

/** meta.json of the uploads this process wrote parts of lately: it never changes once written. */
const META_CACHE_SIZE = 1024;
const metaCache = () => perProcess("local multipart metas", () => new Map<string, MultipartMeta>());
const cacheKey = (layout: LocalLayout, uploadId: string) => `${layout.root}\0${uploadId}`;

/**
 * readMeta, read once per upload and process instead of once per part. A cached upload that has
 * since been completed or aborted (here or in another process) fails at the part's marker instead,
 * with the same UploadNotFoundError: its folder is gone.
 */
export async function knownMeta(layout: LocalLayout, key: string, uploadId: string): Promise<MultipartMeta> {
  const cache = metaCache();
  const cached = cache.get(cacheKey(layout, uploadId));
  if (cached) {
    if (cached.key !== key) throw new UploadNotFoundError(key, uploadId);
    return cached;
  }
  const meta = await readMeta(layout, key, uploadId);
  if (cache.size >= META_CACHE_SIZE) cache.delete(cache.keys().next().value!); // the oldest
  cache.set(cacheKey(layout, uploadId), meta);
  return meta;
}

export function forgetMeta(layout: LocalLayout, uploadId: string): void {
  metaCache().delete(cacheKey(layout, uploadId));
}

/**
 * The upload's meta.json; UploadNotFoundError when it is missing, unreadable, for another key, or
 * from a version that staged parts in files of their own (such an upload is started again).
 */
export async function readMeta(layout: LocalLayout, key: string, uploadId: string): Promise<MultipartMeta> {
  let meta: MultipartMeta;
  try {
    meta = JSON.parse(await fsp.readFile(path.join(layout.stagingDir(uploadId), "meta.json"), "utf8")) as MultipartMeta;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || err instanceof SyntaxError) throw new UploadNotFoundError(key, uploadId, { cause: err });
    throw layout.fsError(err, { op: "multipart", key, uploadId });
  }
  if (meta.key !== key || !Number.isSafeInteger(meta.partSize)) throw new UploadNotFoundError(key, uploadId);
  return meta;
}
