// Uploads one file: create -> single PUT or parallel multipart parts -> complete.
// Framework-free; every side effect (HTTP, storage, timers, randomness) comes in through `deps`.

import { abortError, isAbortError } from "@/lib/client/http";
import type { UploadApi } from "./api";
import { backoffDelay } from "./backoff";
import { isUploadGone, toUploadError, UploadError, isRetryableStatus } from "./errors";
import { planParts, type PartPlan } from "./plan";
import type { ResumeSession, ResumeStore } from "./resume";
import type { PutTransport } from "./transport";
import type { ApiFile, CompletedPart, SignedPart, UploadSource } from "./types";

export interface UploaderDeps {
  api: UploadApi;
  put: PutTransport;
  /** Where sessions are saved for resuming; null to never resume. */
  resume?: ResumeStore | null;
  /** Waits `ms`, rejecting with an AbortError when `signal` fires. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Parts in flight at once for one file (default 4). */
  partConcurrency?: number;
  /** Part URLs asked for per request (default 10); they expire, so they are fetched as needed. */
  partBatchSize?: number;
  /** Tries per part (and per single PUT) before the upload fails (default 5). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Saved progress is written at most this often (default 1 s), and always when the upload stops. */
  persistIntervalMs?: number;
}

export type UploadPhase = "preparing" | "uploading" | "finishing";

export interface UploadJob {
  file: UploadSource;
  folderId?: string | null;
  /** Key of the saved session (see `resumeKey`); null or absent: neither resume nor save. */
  resumeKey?: string | null;
  /** Cancels the upload: in-flight requests are aborted and the server-side upload is deleted. */
  signal?: AbortSignal;
  /** Bytes stored so far, including the progress of parts in flight. */
  onProgress?: (bytesSent: number) => void;
  onPhase?: (phase: UploadPhase) => void;
  /** Called once the server-side upload exists; `resumed` when a saved session was continued. */
  onStart?: (info: { uploadId: string; resumed: boolean; multipart: boolean }) => void;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

/** An error answer from the store (not the app server) for a PUT. */
function storeError(status: number, storeCode: string | undefined): UploadError {
  const detail = storeCode ? ` (${storeCode})` : "";
  if (status === 403) {
    return new UploadError("storage_forbidden", `The storage server refused the upload${detail}. Retry to start again.`, {
      status,
    });
  }
  if (isRetryableStatus(status)) {
    return new UploadError("storage_unavailable", `The storage server did not accept the data (HTTP ${status}${detail}).`, {
      status,
      retryable: true,
    });
  }
  return new UploadError("storage_rejected", `The storage server rejected the upload (HTTP ${status}${detail}).`, { status });
}

/**
 * Uploads `job.file` and resolves with the stored file once the server has completed it.
 * Rejects with an AbortError after a cancel (the server-side upload is deleted first), or with
 * an UploadError. After a retryable failure of a multipart upload the saved session is kept,
 * so uploading the same file again continues where it stopped.
 */
export async function uploadFile(job: UploadJob, deps: UploaderDeps): Promise<ApiFile> {
  const cfg = {
    sleep: abortableSleep,
    random: Math.random,
    now: Date.now,
    partConcurrency: 4,
    partBatchSize: 10,
    maxAttempts: 5,
    backoffBaseMs: 500,
    backoffMaxMs: 15_000,
    persistIntervalMs: 1_000,
    ...deps,
  };
  const { api, put } = cfg;
  const { file, signal } = job;
  const key = job.resumeKey ?? null;
  const store = key !== null ? (cfg.resume ?? null) : null;
  const delay = (retry: number) => backoffDelay(retry, { baseMs: cfg.backoffBaseMs, maxMs: cfg.backoffMaxMs, random: cfg.random });
  const saveSession = (session: ResumeSession) => key !== null && store?.save(key, session);
  const forgetSession = () => key !== null && store?.remove(key);

  let uploadId: string | null = null;
  let multipart = false;

  /** Calls the app server, trying again (with backoff) while the failure is `worthRetrying`. */
  async function withRetries<T>(call: () => Promise<T>, worthRetrying: (error: UploadError) => boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (caught) {
        if (signal?.aborted || isAbortError(caught)) throw caught;
        const error = toUploadError(caught);
        if (!worthRetrying(error) || attempt >= cfg.maxAttempts) throw error;
        await cfg.sleep(delay(attempt), signal);
      }
    }
  }
  // Completing twice is harmless, so any transient failure is retried. Creating is not
  // idempotent (it reserves space): only answers saying nothing was done (429, 503) are.
  const complete = (id: string, parts?: CompletedPart[]) => withRetries(() => api.complete(id, parts), (e) => e.retryable);
  const create = (request: Parameters<UploadApi["create"]>[0]) =>
    withRetries(() => api.create(request), (e) => e.status === 429 || e.status === 503);

  async function runSingle(url: string, headers: Record<string, string>): Promise<ApiFile> {
    job.onPhase?.("uploading");
    // A slice with an empty type: XMLHttpRequest then sends exactly `headers`, no Content-Type of its own.
    const body = file.slice(0, file.size, "");
    for (let attempt = 1; ; attempt++) {
      let error: UploadError;
      try {
        const response = await put({ url, body, headers, signal, onProgress: (loaded) => job.onProgress?.(Math.min(loaded, file.size)) });
        if (isOk(response.status)) break;
        error = storeError(response.status, response.errorCode);
      } catch (caught) {
        if (signal?.aborted || isAbortError(caught)) throw abortError();
        error = toUploadError(caught);
      }
      job.onProgress?.(0);
      if (!error.retryable || attempt >= cfg.maxAttempts) throw error;
      await cfg.sleep(delay(attempt), signal);
    }
    job.onProgress?.(file.size);
    throwIfAborted(signal);
    job.onPhase?.("finishing");
    const stored = await complete(uploadId!);
    forgetSession();
    return stored;
  }

  async function runMultipart(session: ResumeSession, parts: PartPlan[]): Promise<ApiFile> {
    const id = session.uploadId;
    const etags = new Map<number, string>();
    for (const [partNumber, etag] of Object.entries(session.etags)) {
      if (typeof etag === "string" && etag) etags.set(Number(partNumber), etag);
    }
    const pending = parts.filter((part) => !etags.has(part.partNumber));
    let doneBytes = 0;
    for (const part of parts) if (etags.has(part.partNumber)) doneBytes += part.end - part.start;
    const inflight = new Map<number, number>();
    const report = () => {
      let sent = doneBytes;
      for (const loaded of inflight.values()) sent += loaded;
      job.onProgress?.(sent);
    };
    let lastPersist = cfg.now();
    const persist = (force: boolean) => {
      if (!force && cfg.now() - lastPersist < cfg.persistIntervalMs) return;
      lastPersist = cfg.now();
      saveSession({ ...session, etags: Object.fromEntries(etags) });
    };

    report();
    job.onPhase?.("uploading");

    if (pending.length > 0) {
      // One controller for this run: the first fatal part error stops the others.
      const controller = new AbortController();
      const onOuterAbort = () => controller.abort();
      if (signal?.aborted) controller.abort();
      signal?.addEventListener("abort", onOuterAbort, { once: true });

      // Signed URLs, fetched lazily in batches: the part asked for plus the next pending ones.
      const urls = new Map<number, Promise<SignedPart>>();
      let next = 0;
      const requestBatch = (first: number): Promise<SignedPart> => {
        const batch = [first];
        for (let i = next; i < pending.length && batch.length < cfg.partBatchSize; i++) {
          const n = pending[i].partNumber;
          if (n !== first && !urls.has(n)) batch.push(n);
        }
        const answer = api.signParts(id, batch, controller.signal).then((list) => new Map(list.map((p) => [p.partNumber, p])));
        for (const n of batch) {
          const promise = answer.then((byNumber) => {
            const signed = byNumber.get(n);
            if (!signed) throw new UploadError("invalid_response", `The server did not sign part ${n}.`);
            return signed;
          });
          // A failed batch is forgotten so the next try asks again (and no rejection goes unhandled).
          promise.catch(() => {
            if (urls.get(n) === promise) urls.delete(n);
          });
          urls.set(n, promise);
        }
        return urls.get(first)!;
      };

      const uploadPart = async (part: PartPlan) => {
        const n = part.partNumber;
        const size = part.end - part.start;
        let refusedInARow = 0;
        for (let attempt = 1; ; attempt++) {
          let error: UploadError;
          try {
            const signed = await (urls.get(n) ?? requestBatch(n));
            const response = await put({
              url: signed.url,
              body: file.slice(part.start, part.end, ""),
              headers: signed.headers ?? {},
              signal: controller.signal,
              onProgress: (loaded) => {
                inflight.set(n, Math.min(loaded, size));
                report();
              },
            });
            inflight.delete(n);
            if (isOk(response.status)) {
              if (!response.etag) {
                throw new UploadError(
                  "missing_etag",
                  "The storage server did not return the part's ETag (its CORS rules must expose the ETag header).",
                );
              }
              urls.delete(n);
              etags.set(n, response.etag);
              doneBytes += size;
              report();
              persist(false);
              return;
            }
            if (response.status === 403) {
              // Most likely the signed URL expired: ask for a fresh one and try again at once.
              // Refused again with a fresh URL, it is not about expiry: give up.
              urls.delete(n);
              refusedInARow++;
              error =
                refusedInARow >= 2
                  ? storeError(403, response.errorCode)
                  : new UploadError("url_expired", "The part's upload link expired.", { status: 403, retryable: true });
            } else {
              refusedInARow = 0;
              error = storeError(response.status, response.errorCode);
            }
          } catch (caught) {
            inflight.delete(n);
            report();
            if (controller.signal.aborted || isAbortError(caught)) throw abortError();
            error = toUploadError(caught);
          }
          report();
          if (!error.retryable || attempt >= cfg.maxAttempts) throw error;
          if (error.code !== "url_expired") await cfg.sleep(delay(attempt), controller.signal);
        }
      };

      let failure: unknown = null;
      const worker = async () => {
        while (failure === null && next < pending.length) {
          const part = pending[next++];
          try {
            await uploadPart(part);
          } catch (error) {
            if (failure === null) {
              failure = error;
              controller.abort();
            }
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(cfg.partConcurrency, pending.length) }, worker));
      } finally {
        signal?.removeEventListener("abort", onOuterAbort);
        persist(true);
      }
      if (failure !== null) throw signal?.aborted ? abortError() : failure;
    }

    throwIfAborted(signal);
    job.onPhase?.("finishing");
    const completed: CompletedPart[] = parts.map((part) => ({ partNumber: part.partNumber, etag: etags.get(part.partNumber)! }));
    const stored = await complete(id, completed);
    forgetSession();
    return stored;
  }

  try {
    throwIfAborted(signal);
    job.onPhase?.("preparing");

    let saved = key !== null ? (store?.load(key) ?? null) : null;
    if (saved && saved.size !== file.size) {
      forgetSession();
      saved = null;
    }
    if (saved?.mode === "single") {
      // A single PUT cannot continue half-way. Free the old reservation before making a new one,
      // or the same bytes would count twice against the quota until it expires.
      await api.abort(saved.uploadId).catch(() => undefined);
      forgetSession();
      saved = null;
    }
    if (saved) {
      let parts: PartPlan[] | null = null;
      try {
        parts = planParts(file.size, saved.partSize, saved.partCount);
      } catch {
        forgetSession();
      }
      if (parts) {
        uploadId = saved.uploadId;
        multipart = true;
        job.onStart?.({ uploadId, resumed: true, multipart: true });
        try {
          return await runMultipart(saved, parts);
        } catch (error) {
          if (signal?.aborted || !isUploadGone(error)) throw error;
          // The server no longer knows this upload (expired or aborted): start over.
          forgetSession();
          uploadId = null;
          job.onProgress?.(0);
        }
      }
    }

    const created = await create({
      name: file.name,
      size: file.size,
      type: file.type || "application/octet-stream",
      ...(job.folderId ? { folderId: job.folderId } : {}),
    });
    uploadId = created.uploadId;
    throwIfAborted(signal);

    if ("multipart" in created) {
      multipart = true;
      const { partSize, partCount } = created.multipart;
      const parts = planParts(file.size, partSize, partCount);
      const session: ResumeSession = {
        mode: "multipart",
        uploadId: created.uploadId,
        fileId: created.fileId,
        size: file.size,
        partSize,
        partCount,
        etags: {},
        expiresAt: created.expiresAt,
      };
      saveSession(session);
      job.onStart?.({ uploadId, resumed: false, multipart: true });
      return await runMultipart(session, parts);
    }

    saveSession({
      mode: "single",
      uploadId: created.uploadId,
      fileId: created.fileId,
      size: file.size,
      partSize: file.size,
      partCount: 1,
      etags: {},
      expiresAt: created.expiresAt,
    });
    job.onStart?.({ uploadId, resumed: false, multipart: false });
    return await runSingle(created.url, created.headers ?? {});
  } catch (caught) {
    if (signal?.aborted || isAbortError(caught)) {
      // Cancelled: delete the server-side upload (frees the reserved space) and the saved session.
      if (uploadId !== null) await api.abort(uploadId).catch(() => undefined);
      forgetSession();
      throw abortError();
    }
    const error = toUploadError(caught);
    // Keep a multipart session that a later try can continue; otherwise give the space back now.
    if (!(multipart && error.retryable)) {
      if (uploadId !== null && !isUploadGone(error)) await api.abort(uploadId).catch(() => undefined);
      forgetSession();
    }
    throw error;
  }
}
