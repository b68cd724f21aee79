// The engine wired to the browser: fetch, XMLHttpRequest, localStorage, timers.

import { abortError } from "@/lib/client/http";
import { createHttpUploadApi } from "./api";
import { withBatching } from "./batching-api";
import { UploadQueue } from "./queue";
import { ResumeStore, type KeyValueStorage } from "./resume";
import { abortableSleep } from "./timing";
import { xhrPut } from "./transport";
import { withGroupPut } from "./group-put";
import type { UploaderDeps } from "./upload-run";

function localStorageOrNull(): Storage | null {
  try {
    return typeof window !== "undefined" && window.localStorage ? window.localStorage : null;
  } catch {
    return null; // access denied (privacy settings, sandboxed frames)
  }
}

/** Lazily resolves localStorage, so creating the queue during server rendering touches nothing. */
const lazyLocalStorage: KeyValueStorage = {
  getItem: (key) => localStorageOrNull()?.getItem(key) ?? null,
  setItem: (key, value) => localStorageOrNull()?.setItem(key, value),
  removeItem: (key) => localStorageOrNull()?.removeItem(key),
  get length() {
    return localStorageOrNull()?.length ?? 0;
  },
  key: (index) => localStorageOrNull()?.key(index) ?? null,
};

/** Backoff that also waits for the browser to be back online before the next try. */
async function sleepThenAwaitOnline(ms: number, signal?: AbortSignal): Promise<void> {
  await abortableSleep(ms, signal);
  if (typeof navigator === "undefined" || navigator.onLine !== false || typeof window === "undefined") return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      window.removeEventListener("online", done);
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      window.removeEventListener("online", done);
      reject(abortError());
    };
    window.addEventListener("online", done);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The sessions saved in this browser (the upload panel lists the ones a reload cut off). */
export const browserResumeStore = new ResumeStore(lazyLocalStorage);

/**
 * Batching is on unless localStorage holds `stowage.uploadBatching` = "off": a switch for measuring
 * the per-file protocol in the same build (bench/folder-drop.ts) and for ruling batching out when
 * troubleshooting.
 */
function batchingOff(): boolean {
  return localStorageOrNull()?.getItem("stowage.uploadBatching") === "off";
}

export function browserUploaderDeps(overrides: Partial<UploaderDeps> = {}): UploaderDeps {
  return {
    api: batchingOff() ? createHttpUploadApi() : withBatching(createHttpUploadApi()),
    // Group PUTs come only with batches (the local driver's answer to a batch create).
    put: batchingOff() ? xhrPut : withGroupPut(xhrPut),
    resume: browserResumeStore,
    sleep: sleepThenAwaitOnline,
    ...overrides,
  };
}

let shared: UploadQueue | null = null;

/**
 * The page's one upload queue. It outlives the components showing it, so navigating away from
 * the files view does not cut uploads off; showing it again shows them still going.
 */
export function getUploadQueue(): UploadQueue {
  // During server rendering: a throwaway queue, never one shared between requests.
  if (typeof window === "undefined") return new UploadQueue({ deps: browserUploaderDeps() });
  if (!shared) {
    const deps = browserUploaderDeps();
    deps.resume?.pruneExpired();
    // Up to 200 small files at once: their creates and completes then travel in shared requests
    // (the browser still sends only a few PUTs to one host at a time).
    // With batching off, the per-file protocol as it was: 3 files at a time.
    shared = new UploadQueue({ deps, smallFileConcurrency: batchingOff() ? 3 : 600 });
  }
  return shared;
}
