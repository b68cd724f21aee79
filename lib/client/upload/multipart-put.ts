// The upload of a file in parts: up to `partConcurrency` parts in flight, each retried on its
// own, the ETags saved as they arrive so a later try continues with the parts still missing.
import type { ApiFile } from "@/lib/client/api";
import { abortError, isAbortError } from "@/lib/client/http";
import type { CompletedPart, SignedPart, UploadApi } from "./api";
import { toUploadError, UploadError } from "./errors";
import type { PartPlan } from "./plan";
import type { ResumeSession } from "./resume";
import { throwIfAborted } from "./timing";
import { isOk, storeError } from "./transport";
import type { UploadRun } from "./upload-run";

/** What the parts of one run share while they are sent. */
interface PartRun {
  run: UploadRun;
  urls: PartUrls;
  /** Aborts every part: fired by a cancel or by the first part that fails for good. */
  controller: AbortController;
  etags: Map<number, string>;
  progress: PartProgress;
  persist: (force: boolean) => void;
}

/** Sends the parts `session` has no ETag for, then completes the upload with all of them. */
export async function runMultipartPut(run: UploadRun, session: ResumeSession, parts: PartPlan[]): Promise<ApiFile> {
  const { job, signal, cfg } = run;
  const id = session.uploadId;
  const etags = new Map<number, string>();
  for (const [partNumber, etag] of Object.entries(session.etags)) {
    if (typeof etag === "string" && etag) etags.set(Number(partNumber), etag);
  }
  const pending = parts.filter((part) => !etags.has(part.partNumber));
  const progress = new PartProgress(run);
  for (const part of parts) if (etags.has(part.partNumber)) progress.done += part.end - part.start;
  let lastPersist = cfg.now();
  const persist = (force: boolean) => {
    if (!force && cfg.now() - lastPersist < cfg.persistIntervalMs) return;
    lastPersist = cfg.now();
    run.saveSession({ ...session, etags: Object.fromEntries(etags) });
  };

  progress.report();
  job.onPhase?.("uploading");

  if (pending.length > 0) {
    // One controller for this run: the first fatal part error stops the others.
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener("abort", onOuterAbort, { once: true });

    let next = 0;
    const urls = new PartUrls(cfg.api, id, pending, cfg.partBatchSize, controller.signal, () => next);
    const partRun: PartRun = { run, urls, controller, etags, progress, persist };
    let failure: unknown = null;
    const worker = async () => {
      while (failure === null && next < pending.length) {
        const part = pending[next++];
        try {
          await sendPart(partRun, part);
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
  const completed: CompletedPart[] = parts.map((part) => ({
    partNumber: part.partNumber,
    etag: etags.get(part.partNumber)!,
  }));
  const stored = await run.complete(id, completed);
  run.sessionDone();
  return stored;
}

/** Sends one part, trying again while the failure is retryable; records its ETag. */
async function sendPart({ run, urls, controller, etags, progress, persist }: PartRun, part: PartPlan): Promise<void> {
  const { file, cfg } = run;
  const { put } = cfg;
  const n = part.partNumber;
  const size = part.end - part.start;
  let refusedInARow = 0;
  for (let attempt = 1; ; attempt++) {
    let error: UploadError;
    try {
      const signed = await urls.get(n);
      const response = await put({
        url: signed.url,
        body: file.slice(part.start, part.end, ""),
        headers: signed.headers ?? {},
        signal: controller.signal,
        onProgress: (loaded) => {
          progress.inflight.set(n, Math.min(loaded, size));
          progress.report();
        },
      });
      progress.inflight.delete(n);
      if (isOk(response.status)) {
        if (!response.etag) {
          throw new UploadError(
            "missing_etag",
            "The storage server did not return the part's ETag (its CORS rules must expose the ETag header).",
          );
        }
        urls.forget(n);
        etags.set(n, response.etag);
        progress.done += size;
        progress.report();
        persist(false);
        return;
      }
      if (response.status === 403) {
        // Most likely the signed URL expired: ask for a fresh one and try again at once.
        // Refused again with a fresh URL, it is not about expiry: give up.
        urls.forget(n);
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
      progress.inflight.delete(n);
      progress.report();
      if (controller.signal.aborted || isAbortError(caught)) throw abortError();
      error = toUploadError(caught);
    }
    progress.report();
    if (!error.retryable || attempt >= cfg.maxAttempts) throw error;
    if (error.code !== "url_expired") await cfg.sleep(run.delay(attempt), controller.signal);
  }
}

/** Bytes of finished parts plus the progress of the parts in flight, reported as one number. */
class PartProgress {
  done = 0;
  /** Bytes sent so far of each part in flight, by part number. */
  readonly inflight = new Map<number, number>();

  constructor(private readonly run: UploadRun) {}

  report(): void {
    let sent = this.done;
    for (const loaded of this.inflight.values()) sent += loaded;
    this.run.job.onProgress?.(sent);
  }
}

/**
 * Signed part URLs for one multipart run, fetched lazily in batches: the part asked for plus the
 * next pending ones. They expire, so they are asked for as parts are about to be sent, not all
 * up front.
 */
class PartUrls {
  private readonly urls = new Map<number, Promise<SignedPart>>();

  constructor(
    private readonly api: UploadApi,
    private readonly uploadId: string,
    /** The parts this run sends, in order. */
    private readonly pending: readonly PartPlan[],
    private readonly batchSize: number,
    private readonly signal: AbortSignal,
    /** Index in `pending` of the next part no worker has taken yet. */
    private readonly nextIndex: () => number,
  ) {}

  /** The signed URL of part `n`: the one already asked for, else a new batch starting with it. */
  get(n: number): Promise<SignedPart> {
    return this.urls.get(n) ?? this.requestBatch(n);
  }

  /** The URL was used, or refused (expired): the next try of part `n` asks for a fresh one. */
  forget(n: number): void {
    this.urls.delete(n);
  }

  private requestBatch(first: number): Promise<SignedPart> {
    const { urls, pending } = this;
    const batch = [first];
    for (let i = this.nextIndex(); i < pending.length && batch.length < this.batchSize; i++) {
      const n = pending[i].partNumber;
      if (n !== first && !urls.has(n)) batch.push(n);
    }
    const answer = this.api
      .signParts(this.uploadId, batch, this.signal)
      .then((list) => new Map(list.map((p) => [p.partNumber, p])));
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
  }
}
