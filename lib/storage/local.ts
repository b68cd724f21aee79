// The embedded default driver: objects are files under one folder (STORAGE_LOCAL_DIR, else
// DATA_DIR/files), at the path of their key. Upload and download URLs point at the app itself
// (`/api/blob/<token>`, see blob-endpoint.ts) with an HMAC token binding what they may do.
//
// Layout under the root:
//   <ownerId>/<random id>          an object (keys never have segments starting with ".")
//   .tmp/<random>.tmp              bodies being written; renamed into place only when complete
//   .multipart/<uploadId>/meta.json        {key, type} of a multipart upload
//   .multipart/<uploadId>/<nnnnn>.<md5>    a stored part, named by its number and ETag
//
// Nothing is ever held in memory whole: bodies stream to a temp file in the same file system
// (so the final rename is atomic) and are renamed into place only with exactly the signed length.
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { log } from "../log";
import { cleanFilename, normalizeContentType, safeDisposition } from "./content";
import {
  IntegrityError,
  InvalidRangeError,
  ObjectNotFoundError,
  StorageError,
  UploadNotFoundError,
  fromFsError,
  type ErrorContext,
} from "./errors";
import { assertValidKey, assertValidPrefix, newUploadId } from "./keys";
import { logged } from "./oplog";
import type {
  BlobTarget,
  ByteRange,
  CompletedPart,
  HealthReport,
  ObjectInfo,
  ReadResult,
  SignedRequest,
  StorageDriver,
} from "./types";
import { blobUrl, signUrlToken } from "./url-token";
import { assertPartNumber, assertSize, clampExpiresIn, normalizeEtag } from "./validate";

const TMP = ".tmp";
const MULTIPART = ".multipart";
const READ_CHUNK = 256 * 1024;
const COPY_CHUNK = 1024 * 1024;
const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** Temp files older than this are leftovers of a crash and are removed by check(). */
const STALE_TMP_MS = 24 * 3600 * 1000;

export interface LocalDriverOptions {
  /** The folder holding the objects (created when missing). */
  root: string;
  /** The app's public URL; upload and download URLs point at `${appUrl}/api/blob/<token>`. */
  appUrl: string;
}

/** Options from the environment: STORAGE_LOCAL_DIR, else DATA_DIR/files; APP_URL. */
export function localOptionsFromEnv(): LocalDriverOptions {
  const e = env();
  // turbopackIgnore: the folder is chosen at run time; without it Next traces the whole project.
  return { root: path.resolve(/*turbopackIgnore: true*/ e.STORAGE_LOCAL_DIR ?? path.join(e.DATA_DIR, "files")), appUrl: e.APP_URL };
}

interface MultipartMeta {
  key: string;
  type: string;
  createdAt: string;
}

export class LocalDriver implements StorageDriver, BlobTarget {
  readonly name = "local" as const;
  readonly root: string;
  private readonly appUrl: string;

  constructor(options: LocalDriverOptions = localOptionsFromEnv()) {
    this.root = path.resolve(/*turbopackIgnore: true*/ options.root);
    this.appUrl = options.appUrl;
  }

  // ---- URLs (served by the app's /api/blob route) -------------------------------------------

  async createUploadUrl(o: { key: string; size: number; type: string; expiresIn: number }): Promise<SignedRequest> {
    assertValidKey(o.key);
    assertSize(o.size);
    const type = normalizeContentType(o.type);
    const { token, expiresAt } = signUrlToken(
      { op: "put", driver: "local", key: o.key, size: o.size, type },
      clampExpiresIn(o.expiresIn),
    );
    logSigned("signUpload", o.key, { bytes: o.size });
    return { method: "PUT", url: blobUrl(this.appUrl, token), headers: { "Content-Type": type }, expiresAt };
  }

  async createMultipart(o: { key: string; type: string }): Promise<{ uploadId: string }> {
    assertValidKey(o.key);
    const uploadId = newUploadId();
    return logged({ op: "createMultipart", driver: "local", key: o.key, uploadId }, async () => {
      const dir = this.stagingDir(uploadId);
      const meta: MultipartMeta = { key: o.key, type: normalizeContentType(o.type), createdAt: new Date().toISOString() };
      try {
        await fsp.mkdir(dir, { recursive: true });
        await fsp.writeFile(path.join(dir, "meta.json"), JSON.stringify(meta));
      } catch (err) {
        throw this.fsError(err, { op: "createMultipart", key: o.key });
      }
      return { uploadId };
    });
  }

  async signPart(o: { key: string; uploadId: string; partNumber: number; size: number; expiresIn: number }): Promise<SignedRequest> {
    assertValidKey(o.key);
    this.assertUploadId(o.key, o.uploadId);
    assertPartNumber(o.partNumber);
    assertSize(o.size);
    const { token, expiresAt } = signUrlToken(
      { op: "part", driver: "local", key: o.key, size: o.size, uploadId: o.uploadId, partNumber: o.partNumber },
      clampExpiresIn(o.expiresIn),
    );
    logSigned("signPart", o.key, { uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size });
    return { method: "PUT", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
  }

  async createDownloadUrl(o: {
    key: string;
    filename: string;
    type: string;
    disposition: "attachment" | "inline";
    expiresIn: number;
  }): Promise<SignedRequest> {
    assertValidKey(o.key);
    const type = normalizeContentType(o.type);
    const { token, expiresAt } = signUrlToken(
      {
        op: "get",
        driver: "local",
        key: o.key,
        type,
        disposition: safeDisposition(o.disposition, type),
        filename: cleanFilename(o.filename),
      },
      clampExpiresIn(o.expiresIn),
    );
    logSigned("signDownload", o.key);
    return { method: "GET", url: blobUrl(this.appUrl, token), headers: {}, expiresAt };
  }

  // ---- bytes ----------------------------------------------------------------------------------

  async stat(key: string): Promise<ObjectInfo> {
    const file = this.objectPath(key);
    return logged({ op: "stat", driver: "local", key }, async () => {
      let st: fs.Stats;
      try {
        st = await fsp.stat(file);
      } catch (err) {
        throw this.fsError(err, { op: "stat", key });
      }
      if (!st.isFile()) throw new ObjectNotFoundError(key);
      return { key, size: st.size, lastModified: st.mtime };
    }, (info) => info.size);
  }

  async read(key: string, range?: ByteRange): Promise<ReadResult> {
    const file = this.objectPath(key);
    return logged({ op: "read", driver: "local", key }, async () => {
      let fh: fsp.FileHandle;
      try {
        fh = await fsp.open(file, "r");
      } catch (err) {
        throw this.fsError(err, { op: "read", key });
      }
      try {
        // Size from the open handle: a concurrent replace cannot mix two versions.
        const st = await fh.stat();
        if (!st.isFile()) throw new ObjectNotFoundError(key);
        const size = st.size;
        let start = 0;
        let end = size - 1;
        if (range) {
          if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start || range.start >= size) {
            throw new InvalidRangeError(size);
          }
          start = range.start;
          end = Math.min(range.end, size - 1);
        }
        return {
          body: fileStream(fh, start, end),
          size,
          range: range ? { start, end } : undefined,
        } satisfies ReadResult;
      } catch (err) {
        await fh.close().catch(() => {});
        throw err instanceof StorageError ? err : this.fsError(err, { op: "read", key });
      }
    }, (r) => (r.range ? r.range.end - r.range.start + 1 : r.size));
  }

  async write(key: string, body: ReadableStream<Uint8Array>, size: number, type?: string): Promise<void> {
    // The local driver keeps no metadata: the database has the type.
    await this.putObject({ key, body, size, type: type ?? "" });
  }

  /** Streams the body to a temp file and renames it to the key's path when it has exactly `size` bytes. */
  async putObject(o: { key: string; body: ReadableStream<Uint8Array>; size: number; type: string }): Promise<{ etag: string }> {
    const target = this.objectPath(o.key);
    assertSize(o.size);
    return logged({ op: "write", driver: "local", key: o.key, bytes: o.size }, async () => {
      const { tmp, etag } = await this.receive(o.body, o.size, { op: "write", key: o.key });
      await this.moveIntoPlace(tmp, target, { op: "write", key: o.key });
      return { etag };
    });
  }

  /** Stores one part of a multipart upload under its staging folder, named by number and ETag. */
  async putPart(o: {
    key: string;
    uploadId: string;
    partNumber: number;
    body: ReadableStream<Uint8Array>;
    size: number;
  }): Promise<{ etag: string }> {
    assertValidKey(o.key);
    this.assertUploadId(o.key, o.uploadId);
    assertPartNumber(o.partNumber);
    assertSize(o.size);
    const ctx: ErrorContext = { op: "putPart", key: o.key, uploadId: o.uploadId };
    return logged({ op: "putPart", driver: "local", key: o.key, uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size }, async () => {
      const dir = this.stagingDir(o.uploadId);
      await this.readMeta(o.key, o.uploadId); // fails before receiving a body for an unknown upload
      const { tmp, etag } = await this.receive(o.body, o.size, ctx);
      const md5 = normalizeEtag(etag);
      const prefix = `${partName(o.partNumber)}.`;
      try {
        await fsp.rename(tmp, path.join(/*turbopackIgnore: true*/ dir, `${prefix}${md5}`));
        // A part uploaded again replaces the earlier one.
        for (const name of await fsp.readdir(dir)) {
          if (name.startsWith(prefix) && name !== `${prefix}${md5}`) await fsp.rm(path.join(dir, name), { force: true });
        }
      } catch (err) {
        await fsp.rm(tmp, { force: true }).catch(() => {});
        throw this.fsError(err, ctx); // ENOENT here: the upload was aborted meanwhile
      }
      return { etag };
    });
  }

  async completeMultipart(o: { key: string; uploadId: string; parts: CompletedPart[] }): Promise<void> {
    assertValidKey(o.key);
    this.assertUploadId(o.key, o.uploadId);
    const ctx: ErrorContext = { op: "completeMultipart", key: o.key, uploadId: o.uploadId };
    await logged({ op: "completeMultipart", driver: "local", key: o.key, uploadId: o.uploadId }, async () => {
      const dir = this.stagingDir(o.uploadId);
      await this.readMeta(o.key, o.uploadId);
      if (o.parts.length === 0) throw new IntegrityError("A multipart upload needs at least one part.");
      const files: string[] = [];
      let previous = 0;
      for (const part of o.parts) {
        assertPartNumber(part.partNumber);
        if (part.partNumber <= previous) {
          throw new IntegrityError("The parts must be listed in ascending order of part number, each once.");
        }
        previous = part.partNumber;
        const file = path.join(/*turbopackIgnore: true*/ dir, `${partName(part.partNumber)}.${normalizeEtag(part.etag)}`);
        if (!/^[0-9a-f]{32}$/.test(normalizeEtag(part.etag)) || !(await isFile(file))) {
          throw new IntegrityError(
            `Part ${part.partNumber} with ETag ${part.etag} was not uploaded (or was replaced by another upload of that part).`,
          );
        }
        files.push(file);
      }
      const tmp = this.tmpPath();
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
        throw this.fsError(err, ctx);
      }
      await this.moveIntoPlace(tmp, this.objectPath(o.key), ctx);
      await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
      return bytes;
    }, (bytes) => bytes);
  }

  async abortMultipart(o: { key: string; uploadId: string }): Promise<void> {
    assertValidKey(o.key);
    this.assertUploadId(o.key, o.uploadId);
    await logged({ op: "abortMultipart", driver: "local", key: o.key, uploadId: o.uploadId }, async () => {
      try {
        await this.readMeta(o.key, o.uploadId);
      } catch (err) {
        if (err instanceof UploadNotFoundError) return; // already gone (or another key's upload: leave it)
        throw err;
      }
      try {
        await fsp.rm(this.stagingDir(o.uploadId), { recursive: true, force: true });
      } catch (err) {
        throw this.fsError(err, { op: "abortMultipart", key: o.key, uploadId: o.uploadId });
      }
    });
  }

  async delete(key: string): Promise<void> {
    const file = this.objectPath(key);
    await logged({ op: "delete", driver: "local", key }, async () => {
      try {
        await fsp.unlink(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return;
        throw this.fsError(err, { op: "delete", key });
      }
      await this.pruneEmptyDirs(path.dirname(file));
    });
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidPrefix(prefix);
    const slash = prefix.lastIndexOf("/");
    const baseKey = slash === -1 ? "" : prefix.slice(0, slash);
    const start = baseKey ? path.join(this.root, ...baseKey.split("/")) : this.root;
    const started = performance.now();
    let count = 0;
    let outcome = "ok";
    try {
      for await (const info of this.walk(start, baseKey, prefix)) {
        count++;
        yield info;
      }
    } catch (err) {
      outcome = (err as StorageError).code ?? "error";
      throw err;
    } finally {
      log.info("storage", { op: "list", driver: "local", key: prefix, count, ms: Math.round(performance.now() - started), outcome });
    }
  }

  async check(): Promise<HealthReport> {
    const started = performance.now();
    try {
      await fsp.mkdir(path.join(this.root, TMP), { recursive: true });
      const probe = this.tmpPath();
      await fsp.writeFile(probe, "ok", { flag: "wx" });
      await fsp.rm(probe, { force: true });
      void this.removeStaleTemp();
      return { driver: "local", ok: true };
    } catch (err) {
      const mapped = this.fsError(err, { op: "check" });
      log.warn("storage", { op: "check", driver: "local", ms: Math.round(performance.now() - started), outcome: mapped.code, message: mapped.message });
      return { driver: "local", ok: false, message: mapped.message };
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  private objectPath(key: string): string {
    assertValidKey(key);
    const file = path.join(this.root, ...key.split("/"));
    // Belt and braces: keys are validated, but never step outside the root.
    if (!file.startsWith(this.root + path.sep)) throw new StorageError(`Key "${key}" resolves outside the storage folder.`);
    return file;
  }

  private stagingDir(uploadId: string): string {
    return path.join(this.root, MULTIPART, uploadId);
  }

  private tmpPath(): string {
    return path.join(this.root, TMP, `${crypto.randomBytes(12).toString("base64url")}.tmp`);
  }

  private assertUploadId(key: string, uploadId: string): void {
    if (typeof uploadId !== "string" || !UPLOAD_ID.test(uploadId)) throw new UploadNotFoundError(key, String(uploadId));
  }

  private async readMeta(key: string, uploadId: string): Promise<MultipartMeta> {
    let meta: MultipartMeta;
    try {
      meta = JSON.parse(await fsp.readFile(path.join(this.stagingDir(uploadId), "meta.json"), "utf8")) as MultipartMeta;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || err instanceof SyntaxError) throw new UploadNotFoundError(key, uploadId, { cause: err });
      throw this.fsError(err, { op: "multipart", key, uploadId });
    }
    if (meta.key !== key) throw new UploadNotFoundError(key, uploadId);
    return meta;
  }

  /**
   * Streams `body` into a new temp file, counting bytes and computing its MD5. Fails with
   * IntegrityError (and removes the temp file) unless exactly `size` bytes arrive; stops
   * reading as soon as there is one byte too many.
   */
  private async receive(body: ReadableStream<Uint8Array>, size: number, ctx: ErrorContext): Promise<{ tmp: string; etag: string }> {
    const tmp = this.tmpPath();
    const hash = crypto.createHash("md5");
    const reader = body.getReader();
    let fh: fsp.FileHandle | undefined;
    let received = 0;
    try {
      try {
        await fsp.mkdir(path.dirname(tmp), { recursive: true });
        fh = await fsp.open(tmp, "wx");
      } catch (err) {
        throw this.fsError(err, ctx);
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
          throw this.fsError(err, ctx);
        }
      }
      if (received !== size) throw IntegrityError.wrongLength(size, received);
      try {
        await fh.sync();
        await fh.close();
        fh = undefined;
      } catch (err) {
        throw this.fsError(err, ctx);
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

  private async moveIntoPlace(tmp: string, target: string, ctx: ErrorContext): Promise<void> {
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
        throw this.fsError(err, ctx);
      }
    }
  }

  /** Removes the now-empty owner folder after a delete (never the root). */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await fsp.rmdir(dir);
      } catch {
        return; // not empty (or already gone): stop
      }
      dir = path.dirname(dir);
    }
  }

  private async *walk(dir: string, dirKey: string, prefix: string): AsyncGenerator<ObjectInfo> {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return;
      throw this.fsError(err, { op: "list", key: prefix });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue; // .tmp, .multipart: never keys
      const key = dirKey ? `${dirKey}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const asDir = `${key}/`;
        if (asDir.startsWith(prefix) || prefix.startsWith(asDir)) yield* this.walk(full, key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        try {
          const st = await fsp.stat(full);
          yield { key, size: st.size, lastModified: st.mtime };
        } catch {
          // deleted while listing
        }
      }
    }
  }

  private async removeStaleTemp(): Promise<void> {
    const dir = path.join(this.root, TMP);
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

  private fsError(err: unknown, ctx: ErrorContext): StorageError {
    return fromFsError(err, { ...ctx, dir: this.root });
  }
}


/** Signing is local and instant: one line, without the token. */
function logSigned(op: string, key: string, fields: Record<string, unknown> = {}): void {
  log.info("storage", { op, driver: "local", key, ...fields, ms: 0, outcome: "ok" });
}

function partName(partNumber: number): string {
  return String(partNumber).padStart(5, "0");
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function writeAll(fh: fsp.FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await fh.write(data, offset, data.byteLength - offset, null);
    offset += bytesWritten;
  }
}

/** A pull-based web stream of bytes start..end (inclusive) of an open file; closes the handle. */
function fileStream(fh: fsp.FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
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
