// In-memory stand-ins for the app server and the bucket, for unit tests of the engine.

import type { ApiFile } from "@/lib/client/api";
import { ApiError, abortError } from "@/lib/client/http";
import type { CompletedPart, CreateUploadRequest, CreateUploadResponse, SignedPart, UploadApi } from "../api";
import { uploadErrorFromApi } from "../errors";
import type { KeyValueStorage } from "../resume";
import type { PutRequest, PutResponse, PutTransport } from "../transport";
import type { UploadSource } from "../upload-run";

/** A File-like object with a real Blob behind it. */
export function fakeFile(
  name: string,
  size: number,
  options: { type?: string; lastModified?: number } = {},
): UploadSource {
  const blob = new Blob([new Uint8Array(size)], { type: options.type ?? "application/octet-stream" });
  return {
    name,
    size,
    type: blob.type,
    lastModified: options.lastModified ?? 1_700_000_000_000,
    slice: (start, end, contentType) => blob.slice(start, end, contentType),
  };
}

export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  get length() {
    return this.map.size;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Rejects with an AbortError as soon as `signal` fires, like a real request would. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

interface FakeUpload {
  id: string;
  request: CreateUploadRequest;
  multipart: boolean;
  partSize: number;
  partCount: number;
  parts: Map<number, { etag: string; size: number }>;
  state: "open" | "completed" | "aborted";
}

export interface PutCall {
  uploadId: string;
  /** 0 for a single PUT. */
  partNumber: number;
  size: number;
  headers: Record<string, string>;
  url: string;
}

/**
 * A fake app server (UploadApi) and bucket (PutTransport). Files larger than
 * `multipartThreshold` get a multipart upload of `partSize` parts. `onPut` may answer a PUT
 * itself (return a response, throw, or await something); returning undefined stores the part.
 */
export class FakeBackend {
  partSize = 10;
  multipartThreshold = 10;
  expiresInMs = 60 * 60 * 1000;
  now = () => Date.now();
  uploads = new Map<string, FakeUpload>();
  calls = {
    create: [] as CreateUploadRequest[],
    signParts: [] as number[][],
    complete: [] as { uploadId: string; parts: CompletedPart[] | undefined }[],
    abort: [] as string[],
    put: [] as PutCall[],
  };
  /** Error for the next create calls, as the HTTP layer would map it. */
  createError: ApiError | null = null;
  /** Uploads the server has forgotten (404 on parts and complete). */
  forgotten = new Set<string>();
  onPut: ((call: PutCall, request: PutRequest) => PutResponse | undefined | Promise<PutResponse | undefined>) | null =
    null;
  inFlight = 0;
  maxInFlight = 0;
  private counter = 0;
  private urlVersion = 0;

  readonly api: UploadApi = {
    create: async (request) => {
      this.calls.create.push(request);
      if (this.createError) throw uploadErrorFromApi(this.createError);
      const id = `up${++this.counter}`;
      const multipart = request.size > this.multipartThreshold;
      const partCount = multipart ? Math.max(1, Math.ceil(request.size / this.partSize)) : 1;
      this.uploads.set(id, {
        id,
        request,
        multipart,
        partSize: this.partSize,
        partCount,
        parts: new Map(),
        state: "open",
      });
      const expiresAt = new Date(this.now() + this.expiresInMs).toISOString();
      const answer: CreateUploadResponse = multipart
        ? { uploadId: id, fileId: `file-${id}`, multipart: { partSize: this.partSize, partCount }, expiresAt }
        : {
            uploadId: id,
            fileId: `file-${id}`,
            method: "PUT",
            url: this.url(id, 0),
            headers: { "Content-Type": request.type },
            expiresAt,
          };
      return answer;
    },
    signParts: async (uploadId, partNumbers, signal) => {
      this.calls.signParts.push([...partNumbers]);
      if (signal?.aborted) throw abortError();
      const upload = this.uploads.get(uploadId);
      if (!upload || this.forgotten.has(uploadId) || upload.state !== "open") {
        throw uploadErrorFromApi(new ApiError(404, "not_found", "No such upload."));
      }
      return partNumbers.map((partNumber): SignedPart => ({ partNumber, url: this.url(uploadId, partNumber) }));
    },
    complete: async (uploadId, parts) => {
      this.calls.complete.push({ uploadId, parts });
      const upload = this.uploads.get(uploadId);
      // As the server does: a repeated complete gets the file again.
      if (upload?.state === "completed" && !this.forgotten.has(uploadId)) return this.fileOf(upload);
      if (!upload || this.forgotten.has(uploadId) || upload.state !== "open") {
        throw uploadErrorFromApi(new ApiError(404, "not_found", "No such upload."));
      }
      let stored = 0;
      if (upload.multipart) {
        for (const part of parts ?? []) {
          const have = upload.parts.get(part.partNumber);
          if (!have || have.etag !== part.etag)
            throw uploadErrorFromApi(new ApiError(409, "conflict", `Part ${part.partNumber} is wrong.`));
          stored += have.size;
        }
      } else {
        stored = upload.parts.get(0)?.size ?? -1;
      }
      if (stored !== upload.request.size) {
        // As the server does: a single PUT's upload without its bytes is discarded.
        if (!upload.multipart) upload.state = "aborted";
        throw uploadErrorFromApi(new ApiError(409, "conflict", "Size mismatch."));
      }
      upload.state = "completed";
      return this.fileOf(upload);
    },
    abort: async (uploadId) => {
      this.calls.abort.push(uploadId);
      const upload = this.uploads.get(uploadId);
      if (upload && upload.state === "open") upload.state = "aborted";
    },
  };

  private fileOf(upload: FakeUpload): ApiFile {
    const at = new Date(this.now()).toISOString();
    return {
      id: `file-${upload.id}`,
      name: upload.request.name,
      size: upload.request.size,
      type: upload.request.type,
      folderId: upload.request.folderId ?? null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      hasThumbnail: false,
      hasPreview: false,
      media: null,
      missingAt: null,
      shared: false,
    };
  }

  readonly put: PutTransport = async (request) => {
    const match = /^fake:\/\/bucket\/([^/]+)\/(\d+)\?v=\d+$/.exec(request.url);
    if (!match) throw new Error(`unexpected URL ${request.url}`);
    const call: PutCall = {
      uploadId: match[1],
      partNumber: Number(match[2]),
      size: request.body.size,
      headers: request.headers,
      url: request.url,
    };
    this.calls.put.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (request.signal?.aborted) throw abortError();
      request.onProgress?.(Math.floor(call.size / 2));
      const custom = await raceAbort(Promise.resolve(this.onPut?.(call, request)), request.signal);
      if (request.signal?.aborted) throw abortError();
      const upload = this.uploads.get(call.uploadId);
      if (custom) {
        // A custom success is stored like a real one, with the ETag it gives.
        if (custom.status >= 200 && custom.status < 300 && custom.etag && upload) {
          upload.parts.set(call.partNumber, { etag: custom.etag, size: call.size });
        }
        return custom;
      }
      if (!upload || upload.state !== "open") return { status: 404, etag: null, errorCode: "NoSuchUpload" };
      const etag = `"etag-${call.uploadId}-${call.partNumber}"`;
      upload.parts.set(call.partNumber, { etag, size: call.size });
      request.onProgress?.(call.size);
      return { status: 200, etag };
    } finally {
      this.inFlight--;
    }
  };

  /** Part numbers PUT for an upload, in order of the calls. */
  putParts(uploadId: string): number[] {
    return this.calls.put.filter((call) => call.uploadId === uploadId).map((call) => call.partNumber);
  }

  private url(uploadId: string, partNumber: number): string {
    return `fake://bucket/${uploadId}/${partNumber}?v=${++this.urlVersion}`;
  }
}
