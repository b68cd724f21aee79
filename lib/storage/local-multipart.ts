// Multipart uploads of the local driver, written in place: every part but the last has the
// upload's partSize, so part n goes straight to byte (n-1) × partSize of ONE file, and completing
// is a truncate, fsync and rename — the bytes are written once, not staged and copied again.
// Under `.multipart/<uploadId>/`:
//   meta.json                 {key, type, partSize}
//   data                      the object being assembled
//   <nnnnn>.<receipt>         part n was written whole and synced; the random receipt is its ETag; holds its size
//   <nnnnn>.<receipt>.writing part n is being written; holds its size and becomes its record by a rename once synced
//   <nnnnn>.<receipt>.spoiled another write of part n overlapped this one
// ETags stay sound although a part is overwritten in place: a write first marks itself and removes
// the part's record, and records its receipt only after its bytes are synced; if any other entry of
// the part is there once it has recorded (another write's marker or record), the writes overlapped
// and its record is spoiled (the part must be sent again). Completing checks each listed ETag
// against its record and refuses while a marker exists.
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { IntegrityError, UploadNotFoundError, type ErrorContext } from "./errors";
import { assertValidKey, compareKeys, newUploadId } from "./keys";
import { normalizeContentType } from "./content";
import { isFile, type LocalLayout, PRIVATE_DIR, PRIVATE_FILE } from "./local-fs";
import { forgetMeta, knownMeta, readMeta, type MultipartMeta } from "./local-multipart-meta";
import { moveIntoPlace, receiveInto } from "./local-write";
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
/** A part record's receipt: 32 hex digits. */
const RECEIPT = /^[0-9a-f]{32}$/;

/** Refuses an upload id this driver cannot have made (it becomes a folder name). */
export function assertUploadId(key: string, uploadId: string): void {
  if (typeof uploadId !== "string" || !UPLOAD_ID.test(uploadId)) throw new UploadNotFoundError(key, String(uploadId));
}

export async function createMultipart(layout: LocalLayout, o: CreateMultipartRequest): Promise<{ uploadId: string }> {
  assertValidKey(o.key);
  assertSize(o.partSize, "partSize");
  if (o.partSize === 0) throw new TypeError("partSize must be at least 1 byte");
  const uploadId = newUploadId();
  return logged({ op: "createMultipart", driver: "local", key: o.key, uploadId }, async () => {
    const dir = layout.stagingDir(uploadId);
    const meta: MultipartMeta = {
      key: o.key,
      type: normalizeContentType(o.type),
      partSize: o.partSize,
      createdAt: new Date().toISOString(),
    };
    try {
      await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
      await fsp.writeFile(path.join(dir, "data"), "", { flag: "wx", mode: PRIVATE_FILE });
      await fsp.writeFile(path.join(dir, "meta.json"), JSON.stringify(meta), { mode: PRIVATE_FILE });
    } catch (err) {
      throw layout.fsError(err, { op: "createMultipart", key: o.key });
    }
    return { uploadId };
  });
}

/**
 * Writes one part at its offset in the upload's file; answers its ETag (a random receipt) once synced.
 * File-system calls per part besides the writes (counted by lib/uploads/part-work.test.ts): the marker
 * (created holding the part's size), one listing to drop the part's old record, the data file's
 * open, sync and close, the rename that turns the marker into the record, one listing to check that
 * no other write of the part overlapped.
 */
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
      const { partSize } = await knownMeta(layout, o.key, o.uploadId); // fails before reading an unknown upload's body
      if (o.size > partSize) throw new IntegrityError(`A part can have at most ${partSize} bytes, not ${o.size}.`);
      const part = partName(o.partNumber);
      // The ETag is a receipt for this write, not a digest: hashing cost 2 s of CPU per GiB and
      // only has to tell this write's bytes from any other write of the part.
      const receipt = crypto.randomBytes(16).toString("hex");
      const record = path.join(/* turbopackIgnore: true */ dir, `${part}.${receipt}`);
      const marker = `${record}.writing`;
      let fh: fsp.FileHandle | undefined;
      let recorded = false;
      try {
        try {
          // The marker already holds what the record will (the part's size): once the bytes are
          // synced, one rename records the part. ENOENT: the upload was completed or aborted.
          await fsp.writeFile(marker, String(o.size), { flag: "wx", mode: PRIVATE_FILE });
          // Marked first, then the old record goes: an ETag recorded meanwhile is removed either way.
          await removeEntries(dir, part, (rest) => RECEIPT.test(rest) || rest.endsWith(".spoiled"));
          fh = await fsp.open(path.join(dir, "data"), "r+");
        } catch (err) {
          throw layout.fsError(err, ctx);
        }
        await receiveInto(layout, fh, (o.partNumber - 1) * partSize, o.body, o.size, ctx, { md5: false });
        // No second question to the app's books here: the record lands only inside the upload's
        // staging folder, which aborting (and the sweeper, for an expired upload) removes and
        // completing claims; completing asks the books again. See docs/ARCHITECTURE.md, "Durability".
        let overlapped: boolean;
        try {
          await fh.datasync(); // the part's bytes are on disk before it is recorded or answered
          await fsp.rename(marker, record);
          recorded = true;
          // Any other entry of this part now (a marker, another write's record, a spoiled write)
          // is a write that overlapped this one: its bytes may be mixed with these.
          overlapped = (await fsp.readdir(dir)).some(
            (name) => name.startsWith(`${part}.`) && name !== path.basename(record),
          );
        } catch (err) {
          throw layout.fsError(err, ctx);
        }
        if (overlapped) {
          // Spoiled, not removed: the other write sees it and records nothing either.
          await fsp.rename(record, `${record}.spoiled`).catch(() => {});
          throw new IntegrityError(`Part ${o.partNumber} was being uploaded twice at once; send it again.`);
        }
        return { etag: `"${receipt}"` };
      } finally {
        await fh?.close().catch(() => {});
        if (!recorded) await fsp.unlink(marker).catch(() => {});
      }
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
      const { partSize } = await readMeta(layout, o.key, o.uploadId);
      // Claimed under another name first: a part write starting now cannot open the file, and one
      // already started has its marker in place, seen by the check below.
      const data = path.join(dir, "data");
      const claimed = path.join(dir, "data.completing");
      try {
        await fsp.rename(data, claimed);
      } catch (err) {
        // Already claimed by a completion that died (or is running): carry on with that file.
        if ((err as NodeJS.ErrnoException).code !== "ENOENT" || !(await isFile(claimed)))
          throw layout.fsError(err, ctx);
      }
      let bytes: number;
      try {
        bytes = await checkedSize(dir, partSize, o.parts);
        // A part numbered past the listed ones may have been written: it is not part of the object.
        const fh = await fsp.open(claimed, "r+");
        try {
          await fh.truncate(bytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
      } catch (err) {
        await fsp.rename(claimed, data).catch(() => {});
        throw err instanceof IntegrityError ? err : layout.fsError(err, ctx);
      }
      await moveIntoPlace(layout, claimed, layout.objectPath(o.key), ctx);
      forgetMeta(layout, o.uploadId);
      await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
      return bytes;
    },
    (bytes) => bytes,
  );
}

/** The object's size from the listed parts, once each matches its record and none is being written. */
async function checkedSize(dir: string, partSize: number, parts: CompleteMultipartRequest["parts"]): Promise<number> {
  const names = new Set(await fsp.readdir(dir));
  if ([...names].some((name) => name.endsWith(".writing"))) {
    throw new IntegrityError("A part is still being uploaded; complete once every part has finished.");
  }
  let bytes = 0;
  let expected = 1;
  for (const part of ascendingParts(parts)) {
    const etag = normalizeEtag(part.etag);
    const record = `${partName(part.partNumber)}.${etag}`;
    if (part.partNumber !== expected++ || !RECEIPT.test(etag) || !names.has(record)) {
      throw new IntegrityError(
        `Part ${part.partNumber} with ETag ${part.etag} was not uploaded (or was replaced by another upload of that part).`,
      );
    }
    // turbopackIgnore (here and above): run-time data, not a build asset; Next's build must not trace it.
    const size = Number(await fsp.readFile(path.join(/* turbopackIgnore: true */ dir, record), "utf8"));
    // Every part but the last fills its whole slot, so the parts leave no gap.
    if (part.partNumber < parts.length && size !== partSize) {
      throw new IntegrityError(`Part ${part.partNumber} has ${size} bytes; every part but the last needs ${partSize}.`);
    }
    bytes += size;
  }
  return bytes;
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
    forgetMeta(layout, o.uploadId);
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

/** Removes the entries of part `part` whose name after `<nnnnn>.` passes `match`. */
async function removeEntries(dir: string, part: string, match: (rest: string) => boolean): Promise<void> {
  for (const name of await fsp.readdir(dir)) {
    if (name.startsWith(`${part}.`) && match(name.slice(part.length + 1)))
      await fsp.rm(path.join(dir, name), { force: true });
  }
}

/** The start of a part's file name: `00007` for part 7. */
function partName(partNumber: number): string {
  return String(partNumber).padStart(5, "0");
}
