// Uploads one file: create -> single PUT or parallel multipart parts -> complete.
// Framework-free; every side effect (HTTP, storage, timers, randomness) comes in through `deps`.
// The single PUT is below; the multipart runner lives in multipart-put.ts, and what both share
// in upload-run.ts.
import type { ApiFile } from "@/lib/client/api";
import { abortError, isAbortError } from "@/lib/client/http";
import type { CreateUploadResponse } from "./api";
import { isUploadGone, toUploadError, type UploadError } from "./errors";
import type { PutGroup } from "./group-put";
import { runMultipartPut } from "./multipart-put";
import { planParts, type PartPlan } from "./plan";
import type { ResumeSession } from "./resume";
import { throwIfAborted } from "./timing";
import { isOk, storeError } from "./transport";
import { UploadRun, type UploaderDeps, type UploadJob } from "./upload-run";

/**
 * Uploads `job.file` and resolves with the stored file once the server has completed it.
 * Rejects with an AbortError after a cancel (the server-side upload is deleted first), or with
 * an UploadError. After a retryable failure of a multipart upload the saved session is kept,
 * so uploading the same file again continues where it stopped.
 */
export async function uploadFile(job: UploadJob, deps: UploaderDeps): Promise<ApiFile> {
  const run = new UploadRun(job, deps);
  const { api } = run.cfg;
  const { file, signal } = job;

  let uploadId: string | null = null;
  let multipart = false;

  try {
    throwIfAborted(signal);
    job.onPhase?.("preparing");

    const saved = await usableSession(run);
    if (saved && "stored" in saved) return saved.stored;
    if (saved) {
      uploadId = saved.session.uploadId;
      multipart = true;
      job.onStart?.({ uploadId, resumed: true, multipart: true });
      try {
        return await runMultipartPut(run, saved.session, saved.parts);
      } catch (error) {
        if (signal?.aborted || !isUploadGone(error)) throw error;
        // The server no longer knows this upload (expired or aborted): start over.
        run.forgetSession();
        uploadId = null;
        job.onProgress?.(0);
      }
    }

    const created = await run.create({
      name: file.name,
      size: file.size,
      type: file.type || "application/octet-stream",
      ...(job.folderId ? { folderId: job.folderId } : {}),
      ...(job.replace ? { replace: true } : {}),
    });
    uploadId = created.uploadId;
    throwIfAborted(signal);

    if ("multipart" in created) {
      multipart = true;
      const { partSize, partCount } = created.multipart;
      const parts = planParts(file.size, partSize, partCount);
      const session = newSession(created, file.size, "multipart", partSize, partCount);
      run.saveSession(session);
      job.onStart?.({ uploadId, resumed: false, multipart: true });
      return await runMultipartPut(run, session, parts);
    }

    run.saveSession(newSession(created, file.size, "single", file.size, 1));
    job.onStart?.({ uploadId, resumed: false, multipart: false });
    const group = (created as { group?: PutGroup }).group;
    return await runSinglePut(run, created.uploadId, created.url, created.headers ?? {}, group);
  } catch (caught) {
    if (signal?.aborted || isAbortError(caught)) {
      // Cancelled: delete the server-side upload (frees the reserved space) and the saved session.
      if (uploadId !== null) await api.abort(uploadId).catch(() => undefined);
      run.forgetSession();
      throw abortError();
    }
    const error = toUploadError(caught);
    // Keep a multipart session that a later try can continue; otherwise give the space back now.
    if (!(multipart && error.retryable)) {
      if (uploadId !== null && !isUploadGone(error)) await api.abort(uploadId).catch(() => undefined);
      run.forgetSession();
    }
    throw error;
  }
}

/**
 * What a saved session of this file gives: the stored file (a finished upload, or a single PUT
 * whose bytes arrived before the reload: completing it confirms them), or a multipart session
 * with its part plan to continue. Any other saved session is dropped.
 */
async function usableSession(
  run: UploadRun,
): Promise<{ stored: ApiFile } | { session: ResumeSession; parts: PartPlan[] } | null> {
  const saved = run.loadSession();
  if (!saved) return null;
  if (saved.size !== run.file.size) {
    run.forgetSession();
    return null;
  }
  if (saved.done || saved.mode === "single") {
    const stored = await confirmStored(run, saved);
    if (stored) return { stored };
    run.forgetSession();
    return null;
  }
  try {
    return { session: saved, parts: planParts(run.file.size, saved.partSize, saved.partCount) };
  } catch {
    run.forgetSession();
    return null;
  }
}

/**
 * Completes a saved upload whose bytes may all be stored already (completing twice is harmless:
 * a completed one answers with its file). Null when they are not: the server has then discarded
 * the session, and it is aborted anyway so its reservation never counts twice against the quota.
 */
async function confirmStored(run: UploadRun, saved: ResumeSession): Promise<ApiFile | null> {
  const { job, file, signal } = run;
  job.onPhase?.("finishing");
  try {
    const stored = await run.complete(saved.uploadId);
    job.onStart?.({ uploadId: saved.uploadId, resumed: true, multipart: saved.mode === "multipart" });
    job.onProgress?.(file.size);
    run.sessionDone();
    return stored;
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) throw error;
    if (!saved.done) await run.cfg.api.abort(saved.uploadId).catch(() => undefined);
    return null;
  }
}

/** The session saved for a newly created upload: nothing stored yet. */
function newSession(
  created: CreateUploadResponse,
  size: number,
  mode: ResumeSession["mode"],
  partSize: number,
  partCount: number,
): ResumeSession {
  return {
    mode,
    uploadId: created.uploadId,
    fileId: created.fileId,
    size,
    partSize,
    partCount,
    etags: {},
    expiresAt: created.expiresAt,
  };
}

/**
 * PUTs the whole file to the signed `url` (with exactly `headers`), then completes the upload.
 * A PUT cannot continue half-way, so each retry sends the file again from its first byte.
 */
async function runSinglePut(
  run: UploadRun,
  uploadId: string,
  url: string,
  headers: Record<string, string>,
  group?: PutGroup,
): Promise<ApiFile> {
  const { job, file, signal, cfg } = run;
  const { put } = cfg;
  job.onPhase?.("uploading");
  // A slice with an empty type: XMLHttpRequest then sends exactly `headers`, no Content-Type of its own.
  // Made only when the file goes alone (a Blob slice costs the page ~0.5 ms: 10,000 of them add up);
  // in a group the bytes are copied into the group's body, types dropped (group-put.ts).
  let alone: Blob | null = null;
  const own = () => (alone ??= file.slice(0, file.size, ""));
  for (let attempt = 1; ; attempt++) {
    let error: UploadError;
    const grouped = group !== undefined && attempt === 1 && typeof Blob !== "undefined" && file instanceof Blob;
    try {
      const response = await put({
        url,
        body: grouped ? (file as Blob) : own(),
        headers,
        signal,
        onProgress: (loaded) => job.onProgress?.(Math.min(loaded, file.size)),
        // A first try may share a group PUT with the batch's other small files; retries go alone.
        ...(grouped && { group, groupMember: uploadId }),
      });
      if (isOk(response.status)) break;
      error = storeError(response.status, response.errorCode);
    } catch (caught) {
      if (signal?.aborted || isAbortError(caught)) throw abortError();
      error = toUploadError(caught);
    }
    job.onProgress?.(0);
    if (!error.retryable || attempt >= cfg.maxAttempts) throw error;
    await cfg.sleep(run.delay(attempt), signal);
  }
  job.onProgress?.(file.size);
  throwIfAborted(signal);
  job.onPhase?.("finishing");
  const stored = await run.complete(uploadId);
  run.sessionDone();
  return stored;
}
