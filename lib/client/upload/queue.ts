// The upload queue: files waiting, at most `concurrency` uploading, and an immutable snapshot
// of it all for the UI, published at most once per frame / ~10 times a second.
// This file decides what uploads when; queue-store.ts keeps the list, the snapshot and the events.

import type { UploadEvent, UploadSnapshot } from "./queue-snapshot";
import { UploadStore } from "./queue-store";
import { finishTask, newTask, requeueTask, startTask, taskView, uploadTask, type Task } from "./queue-task";
import { resumeKey } from "./resume";
import { frameScheduler, publishIntervalMs } from "./timing";
import type { UploaderDeps, UploadSource } from "./upload-run";

export interface UploadQueueOptions {
  /** How each file is uploaded (transports, storage, retry settings). */
  deps: UploaderDeps;
  /** Files uploading at once (default 3). */
  concurrency?: number;
  /**
   * Small files (up to `smallFileBytes`) uploading at once (default: `concurrency`). Many in flight
   * let their creates and completes share requests (batching-api.ts); the browser still sends
   * only a few PUTs to one host at a time.
   */
  smallFileConcurrency?: number;
  smallFileBytes?: number;
  /**
   * Schedules a snapshot publication; called at most once until `run` has run. The default
   * waits for the next animation frame, no sooner than 100 ms after the previous publication
   * (up to 250 ms for a list of 10,000: publishIntervalMs).
   */
  schedule?: (run: () => void) => void;
  /** While uploads run, speeds and times are refreshed this often even without progress (ms; 0 = never). */
  tickMs?: number;
  now?: () => number;
}

export class UploadQueue {
  private readonly deps: UploaderDeps;
  private readonly concurrency: number;
  private readonly smallFileConcurrency: number;
  private readonly smallFileBytes: number;
  private readonly now: () => number;
  private readonly store: UploadStore;

  /** Tasks waiting to start, oldest first; `pendingHead` skips the ones already taken. */
  private pending: Task[] = [];
  private pendingHead = 0;
  private running = 0;
  private readonly lockedKeys = new Set<string>();
  private queuedCount = 0;
  private idle = true;
  private batch = 0;

  constructor(options: UploadQueueOptions) {
    this.deps = options.deps;
    this.concurrency = Math.max(1, options.concurrency ?? 3);
    this.smallFileConcurrency = Math.max(1, options.smallFileConcurrency ?? this.concurrency);
    this.smallFileBytes = options.smallFileBytes ?? 4 * 1024 * 1024;
    this.now = options.now ?? options.deps.now ?? Date.now;
    this.store = new UploadStore({
      schedule: options.schedule ?? frameScheduler(() => publishIntervalMs(this.store.tasks.length)),
      tickMs: options.tickMs ?? 1_000,
      now: this.now,
      currentBatch: () => this.batch,
    });
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The latest published snapshot (stable between publications, for useSyncExternalStore). */
  getSnapshot = (): UploadSnapshot => this.store.getSnapshot();

  /** Called after each publication of a new snapshot. */
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Completed, failed and cancelled uploads, and the queue becoming idle; emitted at once, not throttled. */
  onEvent(listener: (event: UploadEvent) => void): () => void {
    return this.store.onEvent(listener);
  }

  // ---- commands ------------------------------------------------------------------------------

  /** Queues files (cheap: nothing is read or hashed up front). Returns the new items' ids. */
  enqueue(
    files: Iterable<UploadSource> | ArrayLike<UploadSource>,
    folderId?: string | null,
    options: { replace?: boolean } = {},
  ): string[] {
    const ids: string[] = [];
    if (this.idle) this.batch++;
    for (const source of Array.from(files)) {
      const task = newTask(source, folderId ?? null, this.batch, options.replace ?? false);
      this.store.add(task);
      this.pending.push(task);
      ids.push(task.id);
    }
    if (ids.length > 0) {
      this.queuedCount += ids.length;
      this.idle = false;
      this.store.listChangedNow();
      this.pump();
    }
    return ids;
  }

  /** Cancels a queued or uploading file. An upload that is already being completed cannot be cancelled. */
  cancel(id: string): void {
    const task = this.store.get(id);
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
    for (const task of this.store.tasks) {
      if (task.status === "queued" || task.status === "uploading") this.cancel(task.id);
    }
  }

  /** Queues a failed or cancelled file again (a saved multipart session is continued). */
  retry(id: string): void {
    const task = this.store.get(id);
    if (!task || !task.source || (task.status !== "failed" && task.status !== "cancelled")) return;
    if (task.controller) {
      // Still deleting the cancelled upload: queue it again as soon as that is done.
      task.retryWhenSettled = true;
      return;
    }
    if (this.idle) this.batch++;
    requeueTask(task, this.batch);
    this.pending.push(task);
    this.queuedCount++;
    this.idle = false;
    this.store.touch(task);
    this.pump();
  }

  retryFailed(): void {
    for (const task of this.store.tasks) if (task.status === "failed") this.retry(task.id);
  }

  /** Removes finished items from the list: completed and cancelled ones, and failed ones too when asked. */
  clearFinished(options: { includeFailed?: boolean } = {}): void {
    this.store.removeWhere(
      (task) =>
        task.controller === null &&
        (task.status === "completed" ||
          task.status === "cancelled" ||
          (options.includeFailed === true && task.status === "failed")),
    );
  }

  /** Publishes pending changes now (tests; the UI relies on the scheduler). */
  flush(): void {
    this.store.flush();
  }

  // ---- scheduling ----------------------------------------------------------------------------

  private pump(): void {
    while (this.pendingHead < this.pending.length) {
      const task = this.pending[this.pendingHead];
      if (task.status === "queued") {
        const limit = task.size <= this.smallFileBytes ? this.smallFileConcurrency : this.concurrency;
        if (this.running >= limit) break;
        this.start(task);
      }
      this.pendingHead++;
    }
    if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
  }

  private start(task: Task): void {
    const controller = new AbortController();
    const key = resumeKey(task.source!, task.folderId);
    // The same file twice at once: only the first one saves or continues a session.
    const lockedKey = this.lockedKeys.has(key) ? null : key;
    if (lockedKey) this.lockedKeys.add(lockedKey);

    this.queuedCount--;
    startTask(task, controller, lockedKey, this.now());
    this.running++;
    this.store.touch(task);
    this.store.startTicker();

    uploadTask(task, controller, this.deps, {
      now: this.now,
      touch: (changed) => this.store.touch(changed),
      settled: (status) => {
        if (status) this.finish(task, status);
        this.release(task, controller);
      },
    });
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
    this.store.touch(task);
    this.checkIdle();
  }

  private finish(task: Task, status: "completed" | "failed" | "cancelled"): void {
    const source = task.source; // finishTask lets a completed file's bytes go
    finishTask(task, status);
    // Drop the cached view first, so the event carries the finished item, not the last frame's.
    this.store.touch(task);
    const item = taskView(task);
    if (status === "completed") this.store.emit({ type: "completed", item, file: task.file!, source });
    else if (status === "failed") this.store.emit({ type: "failed", item, error: task.error! });
    else this.store.emit({ type: "cancelled", item });
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.idle || this.running > 0 || this.queuedCount > 0) return;
    this.idle = true;
    // The drop is over: nothing left to resume of the files it finished.
    this.deps.resume?.forgetDone();
    this.store.stopTicker();
    this.store.emit({ type: "idle" });
  }
}
