// How the local driver writes: every body streams into a temp file in the storage folder and is
// renamed to its final path only when complete, so a reader never sees a partial object and a
// refused body leaves nothing behind. Nothing is ever held in memory whole.
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { IntegrityError, StorageError, type ErrorContext } from "./errors";
import { isFile, writeAll } from "./local-fs";
import type { LocalLayout } from "./local-layout";

const COPY_CHUNK = 1024 * 1024;

/**
 * Streams `body` into a new temp file, counting bytes and computing its MD5. Fails with
 * IntegrityError (and removes the temp file) unless exactly `size` bytes arrive; stops
 * reading as soon as there is one byte too many.
 */
export async function receiveToTemp(
  layout: LocalLayout,
  body: ReadableStream<Uint8Array>,
  size: number,
  ctx: ErrorContext,
): Promise<{ tmp: string; etag: string }> {
  const tmp = layout.tmpPath();
  const hash = crypto.createHash("md5");
  const reader = body.getReader();
  let fh: fsp.FileHandle | undefined;
  let received = 0;
  try {
    try {
      await fsp.mkdir(path.dirname(tmp), { recursive: true });
      fh = await fsp.open(tmp, "wx");
    } catch (err) {
      throw layout.fsError(err, ctx);
    }
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        throw new IntegrityError(`The upload was interrupted after ${received} of ${size} bytes.`, { cause, reason: "too_short" });
      }
      if (chunk.done) break;
      received += chunk.value.byteLength;
      if (received > size) throw IntegrityError.wrongLength(size, received);
      hash.update(chunk.value);
      try {
        await writeAll(fh, chunk.value);
      } catch (err) {
        throw layout.fsError(err, ctx);
      }
    }
    if (received !== size) throw IntegrityError.wrongLength(size, received);
    try {
      await fh.sync();
      await fh.close();
      fh = undefined;
    } catch (err) {
      throw layout.fsError(err, ctx);
    }
    return { tmp, etag: `"${hash.digest("hex")}"` };
  } catch (err) {
    await reader.cancel(err).catch(() => {});
    await fh?.close().catch(() => {});
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw err;
  } finally {
    reader.releaseLock();
  }
}

/** Copies `files` one after the other into a new temp file (joining multipart parts); answers its size. */
export async function concatenateToTemp(layout: LocalLayout, files: string[], ctx: ErrorContext): Promise<{ tmp: string; bytes: number }> {
  const tmp = layout.tmpPath();
  let fh: fsp.FileHandle | undefined;
  let bytes = 0;
  try {
    await fsp.mkdir(path.dirname(tmp), { recursive: true });
    fh = await fsp.open(tmp, "wx");
    const buffer = Buffer.allocUnsafe(COPY_CHUNK);
    for (const file of files) {
      const src = await fsp.open(file, "r");
      try {
        for (;;) {
          const { bytesRead } = await src.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          await writeAll(fh, buffer.subarray(0, bytesRead));
          bytes += bytesRead;
        }
      } finally {
        await src.close();
      }
    }
    await fh.sync();
    await fh.close();
    fh = undefined;
  } catch (err) {
    await fh?.close().catch(() => {});
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw layout.fsError(err, ctx);
  }
  return { tmp, bytes };
}

/** Renames a finished temp file to `target`, creating its folder; removes the temp file on failure. */
export async function moveIntoPlace(layout: LocalLayout, tmp: string, target: string, ctx: ErrorContext): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(tmp, target);
      return;
    } catch (err) {
      // A concurrent delete may prune the (then empty) owner folder between mkdir and rename.
      if ((err as NodeJS.ErrnoException).code === "ENOENT" && attempt < 3 && (await isFile(tmp))) continue;
      await fsp.rm(tmp, { force: true }).catch(() => {});
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        // Not a missing object: the write itself failed.
        throw new StorageError(`Could not move the finished upload into place (${ctx.op} "${ctx.key}").`, { cause: err });
      }
      throw layout.fsError(err, ctx);
    }
  }
}
