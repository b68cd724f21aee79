// The local driver's file system: where things live under the root folder, small fs helpers, and
// fs errors mapped to StorageErrors whose messages say which setting or permission to fix.
// Nothing here knows uploads. Layout:
//   <ownerId>/<random id>                  an object (keys never have segments starting with ".")
//   .tmp/<random>.tmp                      bodies being written; renamed into place only when complete
//   .multipart/<uploadId>/meta.json        {key, type, partSize} of a multipart upload
//   .multipart/<uploadId>/data             its object, each part written at its offset
//   .multipart/<uploadId>/<nnnnn>.<md5>    part n was written and synced with this ETag (see local-multipart.ts)
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import {
  AccessDeniedError,
  InsufficientStorageError,
  IntegrityError,
  ObjectNotFoundError,
  StorageError,
  StorageUnavailableError,
  UploadNotFoundError,
  errorCode,
  where,
  type ErrorContext,
  type ErrorLike,
} from "./errors";
import { assertValidKey } from "./keys";

// Stored objects are people's files: only the server's own account may read them, whatever its umask.
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const TMP = ".tmp";
const MULTIPART = ".multipart";
/**
 * A write in progress touches its temp file at least this often, even while its client is silent
 * (local-write.ts), so a temp file untouched for TEMP_IDLE_MS belongs to no write in any process:
 * it was left by a crash and removeIdleTemp() may delete it.
 */
export const TEMP_HEARTBEAT_MS = 30_000;
const TEMP_IDLE_MS = 4 * TEMP_HEARTBEAT_MS;

/** The paths of one storage folder, and its fs errors worded with the folder's name. */
export class LocalLayout {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(/*turbopackIgnore: true*/ root);
  }

  /** The file of `key`; throws InvalidKeyError for an unsafe key. */
  objectPath(key: string): string {
    assertValidKey(key);
    const file = path.join(this.root, ...key.split("/"));
    // Belt and braces: keys are validated, but never step outside the root.
    if (!file.startsWith(this.root + path.sep))
      throw new StorageError(`Key "${key}" resolves outside the storage folder.`);
    return file;
  }

  /** The folder holding one multipart upload's meta.json, data file and part records. */
  stagingDir(uploadId: string): string {
    return path.join(this.root, MULTIPART, uploadId);
  }

  tmpDir(): string {
    return path.join(this.root, TMP);
  }

  /** A fresh temp file name: in the same file system as the objects, so the final rename is atomic. */
  tmpPath(): string {
    return path.join(this.root, TMP, `${crypto.randomBytes(12).toString("base64url")}.tmp`);
  }

  /** Whether `dir` is below the root (the root itself is never pruned). */
  contains(dir: string): boolean {
    return dir.startsWith(this.root + path.sep);
  }

  fsError(err: unknown, ctx: ErrorContext): StorageError {
    return fromFsError(err, { ...ctx, dir: this.root });
  }

  /** Best effort: deletes the temp files no write is using any more (a crash left them); answers how many. */
  async removeIdleTemp(now = new Date()): Promise<number> {
    let removed = 0;
    try {
      for (const name of await fsp.readdir(this.tmpDir())) {
        const file = path.join(this.tmpDir(), name);
        const st = await fsp.stat(file).catch(() => null);
        if (!st || now.getTime() - st.mtimeMs <= TEMP_IDLE_MS) continue;
        await fsp.rm(file, { force: true }).catch(() => {});
        removed++;
      }
    } catch {
      // no temp folder yet
    }
    return removed;
  }
}

const READ_CHUNK = 256 * 1024;

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Writes every byte of `chunks`, in order, from `position` on (writev may write fewer: continues after them). */
export async function writevAll(fh: fsp.FileHandle, chunks: Uint8Array[], position: number): Promise<void> {
  let rest = chunks;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await fh.writev(rest, at);
    at += bytesWritten;
    let skip = bytesWritten;
    const left: Uint8Array[] = [];
    for (const chunk of rest) {
      if (skip >= chunk.byteLength) skip -= chunk.byteLength;
      else {
        left.push(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      }
    }
    rest = left;
  }
}

/** A pull-based web stream of bytes start..end (inclusive) of an open file; closes the handle. */
export function fileStream(fh: fsp.FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await fh.close().catch(() => {});
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const length = Math.min(READ_CHUNK, end + 1 - position);
        if (length <= 0) {
          await close();
          controller.close();
          return;
        }
        try {
          const buffer = new Uint8Array(length);
          const { bytesRead } = await fh.read(buffer, 0, length, position);
          if (bytesRead === 0) {
            // The file shrank under us (it cannot normally: writes rename new files into place).
            await close();
            controller.error(new IntegrityError("The stored file ended before its recorded size."));
            return;
          }
          position += bytesRead;
          controller.enqueue(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
        } catch (err) {
          await close();
          controller.error(err);
        }
      },
      async cancel() {
        await close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Maps a file-system error from the local driver to a StorageError. */
export function fromFsError(err: unknown, ctx: ErrorContext): StorageError {
  if (err instanceof StorageError) return err;
  const e = (err ?? {}) as ErrorLike;
  const code = errorCode(e);
  const dir = ctx.dir ? ` "${ctx.dir}"` : "";
  switch (code) {
    case "ENOENT":
      if (ctx.uploadId && ctx.key) return new UploadNotFoundError(ctx.key, ctx.uploadId, { cause: err });
      return new ObjectNotFoundError(ctx.key ?? "", { cause: err });
    case "ENOSPC":
    case "EDQUOT":
      return new InsufficientStorageError(
        `The storage folder${dir} is out of disk space${where(ctx)}. Free some space or move STORAGE_LOCAL_DIR to a larger disk.`,
        { cause: err },
      );
    case "EACCES":
    case "EPERM":
      return new AccessDeniedError(
        `The app may not write to the storage folder${dir}${where(ctx)}: permission denied. Give the user running Stowage read and write access to it.`,
        { cause: err },
      );
    case "EROFS":
      return new AccessDeniedError(
        `The storage folder${dir} is on a read-only file system${where(ctx)}. Point STORAGE_LOCAL_DIR at a writable disk.`,
        { cause: err },
      );
    case "EIO":
    case "EMFILE":
    case "ENFILE":
      return new StorageUnavailableError(`The storage folder${dir} failed${where(ctx)}: ${e.message ?? code}.`, {
        cause: err,
      });
    default:
      return new StorageError(`Storage failed${where(ctx)}: ${e.message ?? String(err)}`, { cause: err });
  }
}
