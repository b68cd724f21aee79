// File-system errors of the local driver, mapped to StorageErrors whose messages say which
// setting or permission to fix.
import {
  AccessDeniedError,
  InsufficientStorageError,
  ObjectNotFoundError,
  StorageError,
  StorageUnavailableError,
  UploadNotFoundError,
} from "./error-classes";
import { errorCode, where, type ErrorContext, type ErrorLike } from "./error-context";

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
      return new StorageUnavailableError(`The storage folder${dir} failed${where(ctx)}: ${e.message ?? code}.`, { cause: err });
    default:
      return new StorageError(`Storage failed${where(ctx)}: ${e.message ?? String(err)}`, { cause: err });
  }
}
