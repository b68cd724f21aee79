// The queue's state as the UI reads it: the list of tasks, the snapshot published from them
// (throttled by the scheduler), the events, and a ticker that keeps speeds honest while
// nothing reports progress. It decides nothing about what uploads when: see queue.ts.
import { buildSnapshot, EMPTY_SNAPSHOT, type UploadEvent, type UploadSnapshot } from "./queue-snapshot";
import type { Task } from "./queue-task";

export interface UploadStoreOptions {
  /** Schedules a snapshot publication; called at most once until `run` has run. */
  schedule: (run: () => void) => void;
  /** While uploads run, speeds and times are refreshed this often even without progress (ms; 0 = never). */
  tickMs: number;
  now: () => number;
  /** The current batch, whose bytes the totals count. */
  currentBatch: () => number;
}

export class UploadStore {
  private list: Task[] = [];
  private readonly byId = new Map<string, Task>();
  private snapshot: UploadSnapshot = EMPTY_SNAPSHOT;
  private dirty = false;
  private listChanged = false;
  private scheduled = false;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: UploadEvent) => void>();

  constructor(private readonly options: UploadStoreOptions) {}

  /** The latest published snapshot (stable between publications, for useSyncExternalStore). */
  getSnapshot = (): UploadSnapshot => this.snapshot;

  /** Called after each publication of a new snapshot. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onEvent(listener: (event: UploadEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  get tasks(): readonly Task[] {
    return this.list;
  }

  get(id: string): Task | undefined {
    return this.byId.get(id);
  }

  /** Adds a task to the end of the list (call listChangedNow() once after adding). */
  add(task: Task): void {
    this.list.push(task);
    this.byId.set(task.id, task);
  }

  /** Drops the tasks `remove` picks; answers whether any were dropped. */
  removeWhere(remove: (task: Task) => boolean): boolean {
    const kept = this.list.filter((task) => !remove(task));
    if (kept.length === this.list.length) return false;
    for (const task of this.list) if (remove(task)) this.byId.delete(task.id);
    this.list = kept;
    this.listChangedNow();
    return true;
  }

  /** Tasks were added or removed: the next publication happens even if no item changed. */
  listChangedNow(): void {
    this.listChanged = true;
    this.changed();
  }

  /** The task changed: its item is made again at the next publication. */
  touch(task: Task): void {
    task.view = null;
    this.changed();
  }

  /** Publishes pending changes now. */
  flush(): void {
    this.scheduled = false;
    if (!this.dirty) return;
    this.dirty = false;
    const next = buildSnapshot(this.list, this.options.currentBatch(), this.snapshot, this.listChanged);
    this.listChanged = false;
    if (!next) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Tells every event listener at once; one failing listener does not stop the others. */
  emit(event: UploadEvent): void {
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error("upload event listener failed", error);
      }
    }
  }

  startTicker(): void {
    const { tickMs } = this.options;
    if (this.ticker !== null || tickMs <= 0) return;
    this.ticker = setInterval(() => {
      // Refresh speeds and times when no progress event comes (a stalled connection must show it).
      const now = this.options.now();
      for (const task of this.list) {
        if (task.status === "uploading" && task.meter) {
          task.meter.sample(task.bytesSent, now);
          task.view = null;
        }
      }
      this.changed();
    }, tickMs);
  }

  stopTicker(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  private changed(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    this.options.schedule(() => this.flush());
  }
}
