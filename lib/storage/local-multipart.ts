// Multipart uploads of the local driver, staged under `.multipart/<uploadId>/`: a meta.json
// naming the key, and one file per part named by its number and MD5 (its ETag). Completing
// joins the listed parts into a temp file and renames it into place.
import fsp from "node:fs/promises";
import path from "node:path";
import { IntegrityError, UploadNotFoundError, type ErrorContext } from "./errors";
import { assertValidKey, compareKeys, newUploadId } from "./keys";
import { normalizeContentType } from "./content";
import { isFile, type LocalLayout, PRIVATE_DIR, PRIVATE_FILE } from "./local-fs";
import { checkBeforeCommit, concatenateToTemp, moveIntoPlace, receiveToTemp } from "./local-write";
import { logged } from "./oplog";
import type {
  CompleteMultipartRequest,
  CreateMultipartRequest,
  MultipartRef,
  PendingMultipart,
  PutPartRequest,
} from "./types";
import { ascendingParts, assertPartNumber, assertSize, normalizeEtag } from "./validate";

const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;

interface MultipartMeta {
  key: string;
  type: string;
  createdAt: string;
}

/** Refuses an upload id this driver cannot have made (it becomes a folder name). */
export function assertUploadId(key: string, uploadId: string): void {
  if (typeof uploadId !== "string" || !UPLOAD_ID.test(uploadId)) throw new UploadNotFoundError(key, String(uploadId));
}

export async function createMultipart(layout: LocalLayout, o: CreateMultipartRequest): Promise<{ uploadId: string }> {
  assertValidKey(o.key);
  const uploadId = newUploadId();
  return logged({ op: "createMultipart", driver: "local", key: o.key, uploadId }, async () => {
    const dir = layout.stagingDir(uploadId);
    const meta: MultipartMeta = { key: o.key, type: normalizeContentType(o.type), createdAt: new Date().toISOString() };
    try {
      await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
      await fsp.writeFile(path.join(dir, "meta.json"), JSON.stringify(meta), { mode: PRIVATE_FILE });
    } catch (err) {
      throw layout.fsError(err, { op: "createMultipart", key: o.key });
    }
    return { uploadId };
  });
}

/** Stores one part of a multipart upload under its staging folder, named by number and ETag. */
export async function putPart(layout: LocalLayout, o: PutPartRequest): Promise<{ etag: string }> {
  assertValidKey(o.key);
  assertUploadId(o.key, o.uploadId);
  assertPartNumber(o.partNumber);
  assertSize(o.size);
  const ctx: ErrorContext = { op: "putPart", key: o.key, uploadId: o.uploadId };
  return logged(
    { op: "putPart", driver: "local", key: o.key, uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size },
    async () => {
      const dir = layout.stagingDir(o.uploadId);
      await readMeta(layout, o.key, o.uploadId); // fails before receiving a body for an unknown upload
      const { tmp, etag } = await receiveToTemp(layout, o.body, o.size, ctx, { md5: true });
      await checkBeforeCommit(tmp, o.commitCheck);
      const md5 = normalizeEtag(etag);
      const prefix = `${partName(o.partNumber)}.`;
      try {
        await fsp.rename(tmp, path.join(/*turbopackIgnore: true*/ dir, `${prefix}${md5}`));
        // A part uploaded again replaces the earlier one.
        for (const name of await fsp.readdir(dir)) {
          if (name.startsWith(prefix) && name !== `${prefix}${md5}`)
            await fsp.rm(path.join(dir, name), { force: true });
        }
      } catch (err) {
        await fsp.rm(tmp, { force: true }).catch(() => {});
        throw layout.fsError(err, ctx); // ENOENT here: the upload was aborted meanwhile
      }
      return { etag };
    },
  );
}

export async function completeMultipart(layout: LocalLayout, o: CompleteMultipartRequest): Promise<void> {
  assertValidKey(o.key);
  assertUploadId(o.key, o.uploadId);
  const ctx: ErrorContext = { op: "completeMultipart", key: o.key, uploadId: o.uploadId };
  await logged(
    { op: "completeMultipart", driver: "local", key: o.key, uploadId: o.uploadId },
    async () => {
      const dir = layout.stagingDir(o.uploadId);
      await readMeta(layout, o.key, o.uploadId);
      const files: string[] = [];
      for (const part of ascendingParts(o.parts)) {
        const file = path.join(
          /*turbopackIgnore: true*/ dir,
          `${partName(part.partNumber)}.${normalizeEtag(part.etag)}`,
        );
        if (!/^[0-9a-f]{32}$/.test(normalizeEtag(part.etag)) || !(await isFile(file))) {
          throw new IntegrityError(
            `Part ${part.partNumber} with ETag ${part.etag} was not uploaded (or was replaced by another upload of that part).`,
          );
        }
        files.push(file);
      }
      const { tmp, bytes } = await concatenateToTemp(layout, files, ctx);
      await moveIntoPlace(layout, tmp, layout.objectPath(o.key), ctx);
      await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
      return bytes;
    },
    (bytes) => bytes,
  );
}

export async function abortMultipart(layout: LocalLayout, o: MultipartRef): Promise<void> {
  assertValidKey(o.key);
  assertUploadId(o.key, o.uploadId);
  await logged({ op: "abortMultipart", driver: "local", key: o.key, uploadId: o.uploadId }, async () => {
    try {
      await readMeta(layout, o.key, o.uploadId);
    } catch (err) {
      if (err instanceof UploadNotFoundError) return; // already gone (or another key's upload: leave it)
      throw err;
    }
    try {
      await fsp.rm(layout.stagingDir(o.uploadId), { recursive: true, force: true });
    } catch (err) {
      throw layout.fsError(err, { op: "abortMultipart", key: o.key, uploadId: o.uploadId });
    }
  });
}

/**
 * Every staged multipart upload, in key order (then upload id). Staging folders are few (one per
 * upload in progress), so they are read and sorted at once.
 */
export async function* listMultipart(layout: LocalLayout): AsyncGenerator<PendingMultipart> {
  const root = path.join(layout.root, ".multipart");
  let ids: string[];
  try {
    ids = await fsp.readdir(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw layout.fsError(err, { op: "listMultipart" });
  }
  const uploads: PendingMultipart[] = [];
  for (const uploadId of ids.filter((id) => UPLOAD_ID.test(id))) {
    const meta = await fsp
      .readFile(path.join(layout.stagingDir(uploadId), "meta.json"), "utf8")
      .then((text) => JSON.parse(text) as MultipartMeta)
      .catch(() => null);
    if (!meta) continue; // completed or aborted meanwhile
    uploads.push({ key: meta.key, uploadId, initiated: new Date(meta.createdAt) });
  }
  uploads.sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.uploadId, b.uploadId));
  yield* uploads;
}

/** The upload's meta.json; UploadNotFoundError when it is missing, unreadable or for another key. */
async function readMeta(layout: LocalLayout, key: string, uploadId: string): Promise<MultipartMeta> {
  let meta: MultipartMeta;
  try {
    meta = JSON.parse(await fsp.readFile(path.join(layout.stagingDir(uploadId), "meta.json"), "utf8")) as MultipartMeta;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || err instanceof SyntaxError) throw new UploadNotFoundError(key, uploadId, { cause: err });
    throw layout.fsError(err, { op: "multipart", key, uploadId });
  }
  if (meta.key !== key) throw new UploadNotFoundError(key, uploadId);
  return meta;
}

/** The start of a part's file name: `00007` for part 7. */
function partName(partNumber: number): string {
  return String(partNumber).padStart(5, "0");
}
