// The embedded default driver: objects are files under one folder (STORAGE_LOCAL_DIR, else
// DATA_DIR/files), at the path of their key. Upload and download URLs point at the app itself
// (`/api/blob/<token>`, see lib/http/blob-endpoint.ts) with an HMAC token binding what they may do.
//
// Nothing is ever held in memory whole: bodies stream to a temp file in the same file system
// (so the final rename is atomic) and are renamed into place only with exactly the signed length.
// This file wires the driver together; the work is in local-objects.ts (whole objects),
// local-multipart.ts (parts written in place), local-write.ts (temp files) and local-fs.ts (paths, fs helpers, fs errors).
import fsp from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { log } from "../log";
import { cleanFilename, normalizeContentType, safeDisposition } from "./content";
import { assertValidKey } from "./keys";
import { LocalLayout, PRIVATE_DIR, PRIVATE_FILE } from "./local-fs";
import {
  abortMultipart,
  assertUploadId,
  completeMultipart,
  createMultipart,
  listMultipart,
  putPart,
} from "./local-multipart";
import { putGroup, type GroupMember } from "./local-group";
import { deleteObject, listObjects, objectSizes, putObject, readObject, statObject } from "./local-objects";
import type {
  BlobTarget,
  ByteRange,
  CompleteMultipartRequest,
  CreateMultipartRequest,
  DownloadUrlRequest,
  HealthReport,
  MultipartRef,
  ObjectInfo,
  PartUrlRequest,
  PendingMultipart,
  PutObjectRequest,
  PutPartRequest,
  ReadResult,
  SignedRequest,
  StorageDriver,
  UploadUrlRequest,
  WriteResult,
} from "./types";
import { AppUrlSigner } from "./url-token";
import { assertPartNumber, assertSize, clampExpiresIn } from "./validate";

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
  return {
    root: path.resolve(/*turbopackIgnore: true*/ e.STORAGE_LOCAL_DIR ?? path.join(e.DATA_DIR, "files")),
    appUrl: e.APP_URL,
  };
}

export class LocalDriver implements StorageDriver, BlobTarget {
  readonly name = "local" as const;
  readonly root: string;
  private readonly layout: LocalLayout;
  private readonly urls: AppUrlSigner;

  constructor(options: LocalDriverOptions = localOptionsFromEnv()) {
    this.layout = new LocalLayout(options.root);
    this.root = this.layout.root;
    this.urls = new AppUrlSigner(options.appUrl, "local");
  }

  // ---- URLs (served by the app's /api/blob route) -------------------------------------------

  async createUploadUrl(o: UploadUrlRequest): Promise<SignedRequest> {
    const signed = this.signUpload(o);
    logSigned("signUpload", o.key, { bytes: o.size });
    return signed;
  }

  async createUploadUrls(requests: UploadUrlRequest[]): Promise<SignedRequest[]> {
    const signed = requests.map((o) => this.signUpload(o));
    const bytes = requests.reduce((sum, o) => sum + o.size, 0);
    if (requests.length > 0) logSigned("signUploads", requests[0]!.key, { files: requests.length, bytes });
    return signed;
  }

  private signUpload(o: UploadUrlRequest): SignedRequest {
    assertValidKey(o.key);
    assertSize(o.size);
    const type = normalizeContentType(o.type);
    return this.urls.upload({ key: o.key, size: o.size, type }, clampExpiresIn(o.expiresIn));
  }

  /**
   * One PUT for several small files (issue 24): the signature binds every key and size, in order,
   * and the expiry; the body is their bytes concatenated (lib/storage/local-group.ts splits it).
   */
  createGroupUploadUrl(members: GroupMember[], expiresIn: number): SignedRequest {
    for (const m of members) {
      assertValidKey(m.key);
      assertSize(m.size);
    }
    const signed = this.urls.group(
      { keys: members.map((m) => m.key), sizes: members.map((m) => m.size) },
      clampExpiresIn(expiresIn),
    );
    logSigned("signGroup", members[0]!.key, { files: members.length });
    return signed;
  }

  /** Stores each member's bytes from one body, all or nothing (lib/storage/local-group.ts). */
  putGroup(
    members: GroupMember[],
    body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
    commitCheck?: () => Promise<void>,
  ): Promise<void> {
    return putGroup(this.layout, members, body, commitCheck);
  }

  async signPart(o: PartUrlRequest): Promise<SignedRequest> {
    assertValidKey(o.key);
    assertUploadId(o.key, o.uploadId);
    assertPartNumber(o.partNumber);
    assertSize(o.size);
    const signed = this.urls.part(o, clampExpiresIn(o.expiresIn));
    logSigned("signPart", o.key, { uploadId: o.uploadId, partNumber: o.partNumber, bytes: o.size });
    return signed;
  }

  async createDownloadUrl(o: DownloadUrlRequest): Promise<SignedRequest> {
    assertValidKey(o.key);
    const type = normalizeContentType(o.type);
    const signed = this.urls.download(
      {
        key: o.key,
        type,
        disposition: safeDisposition(o.disposition, type),
        filename: cleanFilename(o.filename),
        scope: o.scope,
      },
      clampExpiresIn(o.expiresIn),
    );
    logSigned("signDownload", o.key);
    return signed;
  }

  // ---- objects --------------------------------------------------------------------------------

  stat(key: string): Promise<ObjectInfo> {
    return statObject(this.layout, key);
  }

  sizes(keys: string[]): Promise<(number | null)[]> {
    return objectSizes(this.layout, keys);
  }

  read(key: string, range?: ByteRange): Promise<ReadResult> {
    return readObject(this.layout, key, range);
  }

  async write(key: string, body: ReadableStream<Uint8Array>, size: number): Promise<WriteResult> {
    // The local driver keeps no metadata: the database has the type.
    const { etag } = await putObject(this.layout, { key, body, size, type: "" }, { md5: true });
    return { md5: etag.replace(/"/g, "") };
  }

  /** Streams the body to a temp file and renames it to the key's path when it has exactly `size` bytes. */
  putObject(o: PutObjectRequest): Promise<{ etag: string }> {
    return putObject(this.layout, o);
  }

  delete(key: string): Promise<void> {
    return deleteObject(this.layout, key);
  }

  /** Walks the folder lazily in key order; `options.pageSize` has no meaning on disk. */
  list(prefix: string): AsyncIterable<ObjectInfo> {
    return listObjects(this.layout, prefix);
  }

  // ---- multipart ------------------------------------------------------------------------------

  createMultipart(o: CreateMultipartRequest): Promise<{ uploadId: string }> {
    return createMultipart(this.layout, o);
  }

  /** Writes one part of a multipart upload at its offset in the upload's file; answers its ETag. */
  putPart(o: PutPartRequest): Promise<{ etag: string }> {
    return putPart(this.layout, o);
  }

  completeMultipart(o: CompleteMultipartRequest): Promise<void> {
    return completeMultipart(this.layout, o);
  }

  abortMultipart(o: MultipartRef): Promise<void> {
    return abortMultipart(this.layout, o);
  }

  /** The uploads staged under `.multipart/`. */
  listMultipart(): AsyncIterable<PendingMultipart> {
    return listMultipart(this.layout);
  }

  // ---- health ---------------------------------------------------------------------------------

  /** Deletes the temp files a crash left (no write uses them any more); answers how many. The sweeper calls it. */
  removeIdleTemp(now?: Date): Promise<number> {
    return this.layout.removeIdleTemp(now);
  }

  /** Writes and removes a probe file. */
  async check(): Promise<HealthReport> {
    const started = performance.now();
    try {
      await fsp.mkdir(this.layout.tmpDir(), { recursive: true, mode: PRIVATE_DIR });
      const probe = this.layout.tmpPath();
      await fsp.writeFile(probe, "ok", { flag: "wx", mode: PRIVATE_FILE });
      await fsp.rm(probe, { force: true });
      return { driver: "local", ok: true };
    } catch (err) {
      const mapped = this.layout.fsError(err, { op: "check" });
      log.warn("storage", {
        op: "check",
        driver: "local",
        ms: Math.round(performance.now() - started),
        outcome: mapped.code,
        message: mapped.message,
      });
      return { driver: "local", ok: false, message: mapped.message };
    }
  }
}

/** Signing is local and instant: one line, without the token. */
function logSigned(op: string, key: string, fields: Record<string, unknown> = {}): void {
  log.info("storage", { op, driver: "local", key, ...fields, ms: 0, outcome: "ok" });
}
