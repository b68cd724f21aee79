// What the upload queue shows the UI: one immutable item per file, the totals, and the events
// it emits. Replaced, never mutated, so React can compare by reference.
import type { ApiFile, UploadSource } from "./types";
import type { UploaderDeps, UploadPhase } from "./upload-run";

export type UploadStatus = "queued" | "uploading" | "completed" | "failed" | "cancelled";

/** One file of the queue, as the UI sees it. Replaced (never mutated) when it changes. */
export interface UploadItem {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly folderId: string | null;
  readonly status: UploadStatus;
  /** While `uploading`: creating the upload, sending bytes, or completing it. */
  readonly phase: UploadPhase | null;
  readonly bytesSent: number;
  /** 0..1 */
  readonly progress: number;
  /** Bytes per second, smoothed; 0 when not uploading. */
  readonly speed: number;
  /** Seconds, or null when unknown or not uploading. */
  readonly secondsLeft: number | null;
  /** True when a saved session was continued. */
  readonly resumed: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
  /** The stored file, once completed. */
  readonly file: ApiFile | null;
}

export interface UploadTotals {
  readonly count: number;
  readonly queued: number;
  readonly uploading: number;
  readonly completed: number;
  readonly failed: number;
  readonly cancelled: number;
  /** queued + uploading */
  readonly active: number;
  /**
   * Bytes to send in the current batch: the files queued since the queue was last idle that
   * are queued, uploading or completed (failed and cancelled ones drop out).
   */
  readonly totalBytes: number;
  /** Bytes of the current batch stored so far. */
  readonly sentBytes: number;
  /** sentBytes / totalBytes, 0..1 (1 when there is nothing to send). */
  readonly progress: number;
  readonly speed: number;
  readonly secondsLeft: number | null;
}

export interface UploadSnapshot {
  readonly items: readonly UploadItem[];
  readonly totals: UploadTotals;
}

export type UploadEvent =
  /** `source` is the uploaded bytes (e.g. to make a thumbnail), for listeners of this event only. */
  | { type: "completed"; item: UploadItem; file: ApiFile; source: UploadSource | null }
  | { type: "failed"; item: UploadItem; error: { code: string; message: string } }
  | { type: "cancelled"; item: UploadItem }
  /** Nothing queued or uploading any more. */
  | { type: "idle" };

export interface UploadQueueOptions {
  /** How each file is uploaded (transports, storage, retry settings). */
  deps: UploaderDeps;
  /** Files uploading at once (default 3). */
  concurrency?: number;
  /**
   * Schedules a snapshot publication; called at most once until `run` has run. The default
   * waits for the next animation frame, no sooner than 100 ms after the previous publication.
   */
  schedule?: (run: () => void) => void;
  /** While uploads run, speeds and times are refreshed this often even without progress (ms; 0 = never). */
  tickMs?: number;
  now?: () => number;
}
