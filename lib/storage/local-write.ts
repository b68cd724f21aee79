// How the local driver writes: every body streams into a temp file in the storage folder and is
// renamed to its final path only when complete, so a reader never sees a partial object and a
// refused body leaves nothing behind. Nothing is ever held in memory whole.
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { IntegrityError, StorageError, type ErrorContext } from "./errors";
import { isFile, type LocalLayout, PRIVATE_DIR, PRIVATE_FILE, TEMP_HEARTBEAT_MS, writevAll } from "./local-fs";
import type { ByteSource, CommitCheck } from "./types";

/** Bytes gathered from the request body before one write to the file. */
const WRITE_BATCH = 1024 * 1024;
/** ...or this many chunks: a client trickling tiny chunks costs an array slot each, not a megabyte of them. */
const WRITE_BATCH_CHUNKS = 256;

/**
 * Streams `body` into a new temp file, counting bytes (and computing its MD5 when `md5`).
 * Fails with IntegrityError (and removes the temp file) unless exactly `size` bytes arrive.
 */
export async function receiveToTemp(
  layout: LocalLayout,
  body: ByteSource,
  size: number,
  ctx: ErrorContext,
  { md5 }: { md5: boolean },
): Promise<{ tmp: string; etag: string }> {
  const tmp = layout.tmpPath();
  let fh: fsp.FileHandle | undefined;
  try {
    try {
      await fsp.mkdir(path.dirname(tmp), { recursive: true, mode: PRIVATE_DIR });
      fh = await fsp.open(tmp, "wx", PRIVATE_FILE);
    } catch (err) {
      throw layout.fsError(err, ctx);
    }
    const digest = await receiveInto(layout, fh, 0, body, size, ctx, { md5 });
    try {
      await fh.sync();
      await fh.close();
      fh = undefined;
    } catch (err) {
      throw layout.fsError(err, ctx);
    }
    // Without MD5 the ETag only has to identify this version of the object (still 32 hex digits).
    return { tmp, etag: `"${digest ?? crypto.randomBytes(16).toString("hex")}"` };
  } catch (err) {
    await fh?.close().catch(() => {});
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}

/**
 * Streams `body` into the open file `fh` from byte `position` on, counting bytes (and answering
 * their MD5 in hex when `md5`). Fails with IntegrityError unless exactly `size` bytes arrive;
 * stops reading as soon as there is one byte too many. Socket-sized chunks are gathered, as they
 * are (no copy), until WRITE_BATCH bytes or WRITE_BATCH_CHUNKS chunks, and written with one
 * writev while the next batch gathers, so the disk is kept busy with one write in flight.
 * Does not sync or close `fh`.
 */
export async function receiveInto(
  layout: LocalLayout,
  fh: fsp.FileHandle,
  position: number,
  body: ByteSource,
  size: number,
  ctx: ErrorContext,
  { md5 }: { md5: boolean },
): Promise<string | null> {
  const hash = md5 ? crypto.createHash("md5") : null;
  const chunks = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let received = 0;
  let written = 0;
  let batch: Uint8Array[] = [];
  let batched = 0;
  let writing: Promise<void> = Promise.resolve();
  const settle = async () => {
    try {
      await writing;
    } catch (err) {
      throw layout.fsError(err, ctx);
    }
  };
  const flush = async () => {
    const data = batch;
    const at = position + written;
    written += batched;
    batch = [];
    batched = 0;
    await settle(); // one write in flight: the previous batch is on disk before this one starts
    const next = writevAll(fh, data, at);
    next.catch(() => {}); // awaited by the next settle(); no unhandled rejection meanwhile
    writing = next;
  };
  // While the client is silent nothing writes: touch the file, so the sweeper knows it is in use.
  const heartbeat = setInterval(() => {
    const touched = new Date();
    void fh?.utimes(touched, touched).catch(() => {});
  }, TEMP_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    for (;;) {
      let chunk: IteratorResult<Uint8Array>;
      try {
        chunk = await chunks.next();
      } catch (cause) {
        throw new IntegrityError(`The upload was interrupted after ${received} of ${size} bytes.`, {
          cause,
          reason: "too_short",
        });
      }
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > size) throw IntegrityError.wrongLength(size, received);
      hash?.update(chunk.value);
      batch.push(chunk.value);
      batched += chunk.value.byteLength;
      if (batched >= WRITE_BATCH || batch.length >= WRITE_BATCH_CHUNKS) await flush();
    }
    if (received !== size) throw IntegrityError.wrongLength(size, received);
    if (batched > 0) await flush();
    await settle();
    return hash ? hash.digest("hex") : null;
  } catch (err) {
    await chunks.return?.().catch(() => {}); // stops reading the rest: cancels a Web stream, destroys a Node one
    await writing.catch(() => {});
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

/** Runs the write's commit check (types.ts, CommitCheck) before a finished temp file is moved into place; a refusal removes it. */
export async function checkBeforeCommit(tmp: string, check: CommitCheck | undefined): Promise<void> {
  if (!check) return;
  try {
    await check();
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}

/**
 * Renames a finished temp file to `target`, creating its folder when it is missing (the owner's
 * folder usually exists: one system call per file instead of two, in a dropped folder's hundreds);
 * removes the temp file on failure.
 */
export async function moveIntoPlace(
  layout: LocalLayout,
  tmp: string,
  target: string,
  ctx: ErrorContext,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt > 1) await fsp.mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR });
      await fsp.rename(tmp, target);
      return;
    } catch (err) {
      // The folder is missing, or a concurrent delete pruned the (then empty) owner folder between
      // mkdir and rename: make it and try again.
      if ((err as NodeJS.ErrnoException).code === "ENOENT" && attempt < 4 && (await isFile(tmp))) continue;
      await fsp.rm(tmp, { force: true }).catch(() => {});
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        // Not a missing object: the write itself failed.
        throw new StorageError(`Could not move the finished upload into place (${ctx.op} "${ctx.key}").`, {
          cause: err,
        });
      }
      throw layout.fsError(err, ctx);
    }
  }
}
