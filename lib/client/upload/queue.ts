// The upload queue: files waiting, at most `concurrency` uploading, and an immutable snapshot
// of it all for the UI, published at most once per frame / ~10 times a second.

import { isAbortError } from "@/lib/client/http";
import { toUploadError } from "./errors";
import { resumeKey } from "./resume";
import { estimateSecondsLeft, SpeedMeter } from "./speed";
import type { ApiFile, UploadSource } from "./types";
import { uploadFile, type UploadPhase, type UploaderDeps } from "./uploader";

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
  | { type: "completed"; item: UploadItem; file: ApiFile }
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

interface Task {
  id: string;
  source: UploadSource | null;
  name: string;
  size: number;
  type: string;
  folderId: string | null;
  status: UploadStatus;
  phase: UploadPhase | null;
  bytesSent: number;
  resumed: boolean;
  error: { code: string; message: string } | null;
  file: ApiFile | null;
  meter: SpeedMeter | null;
  controller: AbortController | null;
  /** The resume key this task holds while uploading (null: another task of the same file holds it). */
  lockedKey: string | null;
  /** Which batch (run of the queue from idle to idle) it belongs to, for the overall progress. */
  batch: number;
  /** Retry asked for while a cancelled upload was still being deleted: done once it is. */
  retryWhenSettled: boolean;
  view: UploadItem | null;
}

const EMPTY_TOTALS: UploadTotals = {
  count: 0,
  queued: 0,
  uploading: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  active: 0,
  totalBytes: 0,
  sentBytes: 0,
  progress: 1,
  speed: 0,
  secondsLeft: null,
};

export const EMPTY_SNAPSHOT: UploadSnapshot = Object.freeze({ items: Object.freeze([]) as readonly UploadItem[], totals: EMPTY_TOTALS });

/** Publishes on the next animation frame, at most ~10 times a second; plain timers outside browsers. */
export function frameScheduler(minIntervalMs = 100): (run: () => void) => void {
  let last = 0;
  return (run) => {
    const wait = Math.max(0, last + minIntervalMs - Date.now());
    setTimeout(() => {
      const go = () => {
        last = Date.now();
        run();
      };
      if (typeof requestAnimationFrame === "function" && typeof document !== "undefined" && document.visibilityState === "visible") {
        requestAnimationFrame(go);
      } else {
        go();
      }
    }, wait);
  };
}

let nextId = 1;

export class UploadQueue {
  private readonly deps: UploaderDeps;
  private readonly concurrency: number;
  private readonly schedule: (run: () => void) => void;
  private readonly tickMs: number;
  private readonly now: () => number;

  private tasks: Task[] = [];
  private readonly byId = new Map<string, Task>();
  /** Tasks waiting to start, oldest first; `pendingHead` skips the ones already taken. */
  private pending: Task[] = [];
  private pendingHead = 0;
  private running = 0;
  private readonly lockedKeys = new Set<string>();

  private snapshot: UploadSnapshot = EMPTY_SNAPSHOT;
  private dirty = false;
  private listChanged = false;
  private scheduled = false;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: UploadEvent) => void>();
  private queuedCount = 0;
  private idle = true;
  private batch = 0;

  constructor(options: UploadQueueOptions) {
    this.deps = options.deps;
    this.concurrency = Math.max(1, options.concurrency ?? 3);
    this.schedule = options.schedule ?? frameScheduler();
    this.tickMs = options.tickMs ?? 1_000;
    this.now = options.now ?? options.deps.now ?? Date.now;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The latest published snapshot (stable between publications, for useSyncExternalStore). */
  getSnapshot = (): UploadSnapshot => this.snapshot;

  /** Called after each publication of a new snapshot. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Completed, failed and cancelled uploads, and the queue becoming idle; emitted at once, not throttled. */
  onEvent(listener: (event: UploadEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Queues files (cheap: nothing is read or hashed up front). Returns the new items' ids. */
  enqueue(files: Iterable<UploadSource> | ArrayLike<UploadSource>, folderId?: string | null): string[] {
    const ids: string[] = [];
    if (this.idle) this.batch++;
    for (const source of Array.from(files)) {
      const task: Task = {
        id: `upload-${nextId++}`,
        source,
        name: source.name,
        size: source.size,
        type: source.type,
        folderId: folderId ?? null,
        status: "queued",
        phase: null,
        bytesSent: 0,
        resumed: false,
        error: null,
        file: null,
        meter: null,
        controller: null,
        lockedKey: null,
        batch: this.batch,
        retryWhenSettled: false,
        view: null,
      };
      this.tasks.push(task);
      this.byId.set(task.id, task);
      this.pending.push(task);
      ids.push(task.id);
    }
    if (ids.length > 0) {
      this.queuedCount += ids.length;
      this.idle = false;
      this.listChanged = true;
      this.changed();
      this.pump();
    }
    return ids;
  }

  /** Cancels a queued or uploading file. An upload that is already being completed cannot be cancelled. */
  cancel(id: string): void {
    const task = this.byId.get(id);
    if (!task) return;
    if (task.status === "queued") {
      this.queuedCount--;
      this.finish(task, "cancelled");
    } else if (task.status === "uploading" && task.phase !== "finishing") {
      // Shown as cancelled at once; the slot frees when the aborted upload has been deleted.
      task.controller?.abort();
      this.finish(task, "cancelled");
    }
  }

  cancelAll(): void {
    for (const task of this.tasks) {
      if (task.status === "queued" || task.status === "uploading") this.cancel(task.id);
    }
  }

  /** Queues a failed or cancelled file again (a saved multipart session is continued). */
  retry(id: string): void {
    const task = this.byId.get(id);
    if (!task || !task.source || (task.status !== "failed" && task.status !== "cancelled")) return;
    if (task.controller) {
      // Still deleting the cancelled upload: queue it again as soon as that is done.
      task.retryWhenSettled = true;
      return;
    }
    task.status = "queued";
    task.phase = null;
    task.bytesSent = 0;
    task.error = null;
    task.resumed = false;
    if (this.idle) this.batch++;
    task.batch = this.batch;
    this.pending.push(task);
    this.queuedCount++;
    this.idle = false;
    this.touch(task);
    this.pump();
  }

  retryFailed(): void {
    for (const task of this.tasks) if (task.status === "failed") this.retry(task.id);
  }

  /** Removes finished items from the list: completed and cancelled ones, and failed ones too when asked. */
  clearFinished(options: { includeFailed?: boolean } = {}): void {
    const remove = (task: Task) =>
      task.controller === null &&
      (task.status === "completed" || task.status === "cancelled" || (options.includeFailed === true && task.status === "failed"));
    const kept = this.tasks.filter((task) => !remove(task));
    if (kept.length === this.tasks.length) return;
    for (const task of this.tasks) if (remove(task)) this.byId.delete(task.id);
    this.tasks = kept;
    this.listChanged = true;
    this.changed();
  }

  /** Publishes pending changes now (tests; the UI relies on the scheduler). */
  flush(): void {
    this.scheduled = false;
    if (!this.dirty) return;
    this.dirty = false;
    this.publish();
  }

  // ---- internals -----------------------------------------------------------------------------

  private pump(): void {
    while (this.running < this.concurrency && this.pendingHead < this.pending.length) {
      const task = this.pending[this.pendingHead++];
      if (task.status === "queued") this.start(task);
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private start(task: Task): void {
    const source = task.source!;
    const controller = new AbortController();
    const key = resumeKey(source, task.folderId);
    // The same file twice at once: only the first one saves or continues a session.
    const lockedKey = this.lockedKeys.has(key) ? null : key;
    if (lockedKey) this.lockedKeys.add(lockedKey);

    this.queuedCount--;
    task.status = "uploading";
    task.phase = "preparing";
    task.controller = controller;
    task.lockedKey = lockedKey;
    task.meter = new SpeedMeter();
    task.meter.sample(0, this.now());
    this.running++;
    this.touch(task);
    this.startTicker();

    uploadFile(
      {
        file: source,
        folderId: task.folderId,
        resumeKey: lockedKey,
        signal: controller.signal,
        onProgress: (bytes) => {
          if (task.controller !== controller || task.status !== "uploading") return;
          task.bytesSent = bytes;
          task.meter?.sample(bytes, this.now());
          this.touch(task);
        },
        onPhase: (phase) => {
          if (task.controller !== controller || task.status !== "uploading") return;
          task.phase = phase;
          this.touch(task);
        },
        onStart: ({ resumed }) => {
          if (task.controller !== controller || task.status !== "uploading") return;
          task.resumed = resumed;
          // A continued upload starts with bytes already stored: they are not "speed".
          task.meter?.reset();
          this.touch(task);
        },
      },
      this.deps,
    ).then(
      (file) => {
        // A cancel that arrived while the upload was being completed came too late: it is stored.
        task.file = file;
        task.bytesSent = task.size;
        this.finish(task, "completed");
        this.release(task, controller);
      },
      (error: unknown) => {
        if (task.status === "uploading") {
          if (isAbortError(error) || controller.signal.aborted) {
            this.finish(task, "cancelled");
          } else {
            const failure = toUploadError(error);
            task.error = { code: failure.code, message: failure.message };
            this.finish(task, "failed");
          }
        } // else: already shown as cancelled
        this.release(task, controller);
      },
    );
  }

  /** The upload's promise settled: free its slot and its resume key, and start the next file. */
  private release(task: Task, controller: AbortController): void {
    if (task.controller === controller) task.controller = null;
    if (task.lockedKey) this.lockedKeys.delete(task.lockedKey);
    task.lockedKey = null;
    this.running--;
    if (task.retryWhenSettled) {
      task.retryWhenSettled = false;
      this.retry(task.id);
    }
    this.pump();
    // A task cancelled while running changes nothing visible here, but `retry` is possible again now.
    this.touch(task);
    this.checkIdle();
  }

  private finish(task: Task, status: "completed" | "failed" | "cancelled"): void {
    task.status = status;
    task.phase = null;
    task.meter = null;
    if (status === "completed") task.source = null; // nothing left to send: let the File go
    const item = this.view(task);
    this.touch(task);
    if (status === "completed") this.emit({ type: "completed", item, file: task.file! });
    else if (status === "failed") this.emit({ type: "failed", item, error: task.error! });
    else this.emit({ type: "cancelled", item });
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.idle || this.running > 0 || this.queuedCount > 0) return;
    this.idle = true;
    this.stopTicker();
    this.emit({ type: "idle" });
  }

  private emit(event: UploadEvent): void {
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error("upload event listener failed", error);
      }
    }
  }

  private touch(task: Task): void {
    task.view = null;
    this.changed();
  }

  private changed(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  private startTicker(): void {
    if (this.ticker !== null || this.tickMs <= 0) return;
    this.ticker = setInterval(() => {
      // Refresh speeds and times when no progress event comes (a stalled connection must show it).
      const now = this.now();
      for (const task of this.tasks) {
        if (task.status === "uploading" && task.meter) {
          task.meter.sample(task.bytesSent, now);
          task.view = null;
        }
      }
      this.changed();
    }, this.tickMs);
  }

  private stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private view(task: Task): UploadItem {
    if (task.view) return task.view;
    const uploading = task.status === "uploading";
    const speed = uploading && task.meter ? task.meter.bytesPerSecond : 0;
    const progress = task.status === "completed" ? 1 : task.size > 0 ? Math.min(1, task.bytesSent / task.size) : 0;
    task.view = {
      id: task.id,
      name: task.name,
      size: task.size,
      type: task.type,
      folderId: task.folderId,
      status: task.status,
      phase: task.phase,
      bytesSent: task.bytesSent,
      progress,
      speed,
      secondsLeft: uploading && task.phase === "uploading" ? estimateSecondsLeft(task.size - task.bytesSent, speed) : null,
      resumed: task.resumed,
      error: task.error,
      file: task.file,
    };
    return task.view;
  }

  private publish(): void {
    let queued = 0;
    let uploading = 0;
    let completed = 0;
    let failed = 0;
    let cancelled = 0;
    let totalBytes = 0;
    let sentBytes = 0;
    let speed = 0;
    let viewsChanged = this.listChanged;
    const items: UploadItem[] = new Array(this.tasks.length);
    const previous = this.snapshot.items;
    for (let i = 0; i < this.tasks.length; i++) {
      const task = this.tasks[i];
      const item = this.view(task);
      items[i] = item;
      if (!viewsChanged && previous[i] !== item) viewsChanged = true;
      const inBatch = task.batch === this.batch;
      switch (task.status) {
        case "queued":
          queued++;
          if (inBatch) totalBytes += task.size;
          break;
        case "uploading":
          uploading++;
          speed += item.speed;
          if (inBatch) {
            totalBytes += task.size;
            sentBytes += task.bytesSent;
          }
          break;
        case "completed":
          completed++;
          if (inBatch) {
            totalBytes += task.size;
            sentBytes += task.size;
          }
          break;
        case "failed":
          failed++;
          break;
        case "cancelled":
          cancelled++;
          break;
      }
    }
    this.listChanged = false;
    if (!viewsChanged && items.length === previous.length) return;
    const active = queued + uploading;
    this.snapshot = {
      items,
      totals: {
        count: items.length,
        queued,
        uploading,
        completed,
        failed,
        cancelled,
        active,
        totalBytes,
        sentBytes,
        progress: totalBytes > 0 ? sentBytes / totalBytes : 1,
        speed,
        secondsLeft: active > 0 ? estimateSecondsLeft(totalBytes - sentBytes, speed) : null,
      },
    };
    for (const listener of [...this.listeners]) listener();
  }
}
