// Sending one body to a signed URL (the bucket, or the app's relay) and reading the store's
// answer, as opposed to the app server's JSON answers, which api.ts maps.
import { abortError } from "@/lib/client/http";
import { isRetryableStatus, UploadError } from "./errors";
import type { PutGroup } from "./group-put";

export interface PutRequest {
  url: string;
  body: Blob;
  /** Sent exactly as given (the URL's signature may cover them). */
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Bytes of `body` sent so far. */
  onProgress?: (loaded: number) => void;
  /**
   * The group PUT this body may travel in (local driver, group-put.ts), and which of its uploads
   * it is. A transport that knows no groups sends it to `url` on its own.
   */
  group?: PutGroup;
  groupMember?: string;
}

export interface PutResponse {
  status: number;
  /** The ETag response header, or null (missing, or not exposed by the bucket's CORS rules). */
  etag: string | null;
  /** The store's error code for error answers when it sent one (S3's `<Code>`), e.g. `AccessDenied`. */
  errorCode?: string;
}

/**
 * Sends one body to a signed URL. Resolves with the status for any HTTP answer (the caller
 * decides what an error status means); rejects with UploadError `network_error` when no answer
 * came, and with an AbortError when `signal` fired.
 */
export type PutTransport = (request: PutRequest) => Promise<PutResponse>;

// Headers a browser refuses to set from script (it computes them itself).
const FORBIDDEN_HEADERS = new Set([
  "content-length",
  "host",
  "connection",
  "expect",
  "keep-alive",
  "transfer-encoding",
]);

function storeErrorCode(text: string): string | undefined {
  const xml = /<Code>([^<]{1,100})<\/Code>/.exec(text);
  if (xml) return xml[1];
  try {
    const json = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof json.error?.code === "string" ? json.error.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser PutTransport: XMLHttpRequest, because fetch reports no upload progress.
 * A request that makes no progress for `stallTimeoutMs` is dropped as a network error (and so
 * retried): after a network change a browser can otherwise wait forever.
 */
export function createXhrPut({ stallTimeoutMs = 60_000 }: { stallTimeoutMs?: number } = {}): PutTransport {
  return ({ url, body, headers, signal, onProgress }) =>
    new Promise<PutResponse>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const xhr = new XMLHttpRequest();
      let stalled = false;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          stalled = true;
          xhr.abort();
        }, stallTimeoutMs);
      };
      const onAbort = () => xhr.abort();
      const cleanup = () => {
        clearTimeout(watchdog);
        signal?.removeEventListener("abort", onAbort);
      };
      const networkError = (message: string) =>
        new UploadError("network_error", message, { status: 0, retryable: true });

      xhr.open("PUT", url, true);
      for (const [name, value] of Object.entries(headers)) {
        if (!FORBIDDEN_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
      }
      xhr.upload.onprogress = (event) => {
        arm();
        onProgress?.(event.loaded);
      };
      xhr.onload = () => {
        cleanup();
        const ok = xhr.status >= 200 && xhr.status < 300;
        resolve({
          status: xhr.status,
          etag: xhr.getResponseHeader("ETag"),
          errorCode: ok
            ? undefined
            : storeErrorCode(typeof xhr.responseText === "string" ? xhr.responseText.slice(0, 4096) : ""),
        });
      };
      xhr.onerror = () => {
        cleanup();
        reject(networkError("Network error. Check your connection, then retry."));
      };
      xhr.ontimeout = xhr.onerror;
      xhr.onabort = () => {
        cleanup();
        reject(stalled ? networkError("The connection stalled.") : abortError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      arm();
      xhr.send(body);
    });
}

export const xhrPut: PutTransport = createXhrPut();

export function isOk(status: number): boolean {
  return status >= 200 && status < 300;
}

/** An error answer from the store (not the app server) for a PUT. */
export function storeError(status: number, storeCode: string | undefined): UploadError {
  const detail = storeCode ? ` (${storeCode})` : "";
  if (status === 403) {
    return new UploadError(
      "storage_forbidden",
      `The storage server refused the upload${detail}. Retry to start again.`,
      {
        status,
      },
    );
  }
  if (isRetryableStatus(status)) {
    return new UploadError(
      "storage_unavailable",
      `The storage server did not accept the data (HTTP ${status}${detail}).`,
      {
        status,
        retryable: true,
      },
    );
  }
  return new UploadError("storage_rejected", `The storage server rejected the upload (HTTP ${status}${detail}).`, {
    status,
  });
}
