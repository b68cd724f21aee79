// Where the local driver keeps things under its root folder. Layout:
//   <ownerId>/<random id>                  an object (keys never have segments starting with ".")
//   .tmp/<random>.tmp                      bodies being written; renamed into place only when complete
//   .multipart/<uploadId>/meta.json        {key, type} of a multipart upload
//   .multipart/<uploadId>/<nnnnn>.<md5>    a stored part, named by its number and ETag
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { StorageError, fromFsError, type ErrorContext } from "./errors";
import { assertValidKey } from "./keys";

// Stored objects are people's files: only the server's own account may read them, whatever its umask.
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const TMP = ".tmp";
const MULTIPART = ".multipart";
/** Temp files older than this are leftovers of a crash and are removed by removeStaleTemp(). */
const STALE_TMP_MS = 24 * 3600 * 1000;

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
    if (!file.startsWith(this.root + path.sep)) throw new StorageError(`Key "${key}" resolves outside the storage folder.`);
    return file;
  }

  /** The folder holding one multipart upload's meta.json and parts. */
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

  /** Best effort: deletes temp files a crash left behind. */
  async removeStaleTemp(): Promise<void> {
    const dir = this.tmpDir();
    try {
      const now = Date.now();
      for (const name of await fsp.readdir(dir)) {
        const file = path.join(dir, name);
        const st = await fsp.stat(file).catch(() => null);
        if (st && now - st.mtimeMs > STALE_TMP_MS) await fsp.rm(file, { force: true }).catch(() => {});
      }
    } catch {
      // best effort
    }
  }
}
