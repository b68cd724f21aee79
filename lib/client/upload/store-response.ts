// Reading the storage server's answer to a PUT (the bucket, or the app's relay), as opposed to
// the app server's JSON answers, which api.ts maps.
import { isRetryableStatus, UploadError } from "./errors";

export function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

/** An error answer from the store (not the app server) for a PUT. */
export function storeError(status: number, storeCode: string | undefined): UploadError {
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
