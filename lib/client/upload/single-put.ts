// The upload of a whole file in one PUT. A PUT cannot continue half-way, so each retry sends
// the file again from its first byte.
import { abortError, isAbortError } from "@/lib/client/http";
import { throwIfAborted } from "./abortable-sleep";
import { toUploadError, type UploadError } from "./errors";
import { isOk, storeError } from "./store-response";
import type { ApiFile } from "./types";
import type { UploadRun } from "./upload-run";

/** PUTs the file to the signed `url` (with exactly `headers`), then completes the upload. */
export async function runSinglePut(run: UploadRun, uploadId: string, url: string, headers: Record<string, string>): Promise<ApiFile> {
  const { job, file, signal, cfg } = run;
  const { put } = cfg;
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
    await cfg.sleep(run.delay(attempt), signal);
  }
  job.onProgress?.(file.size);
  throwIfAborted(signal);
  job.onPhase?.("finishing");
  const stored = await run.complete(uploadId);
  run.forgetSession();
  return stored;
}
