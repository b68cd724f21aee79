// What the upload queue shows the UI: one immutable item per file, the totals, the snapshot
// holding both, and the events it emits. Items and snapshots are replaced, never mutated, so
// React can compare by reference. Also the window of rows worth rendering out of a long list.
import type { ApiFile } from "@/lib/client/api";
import { taskView, type Task } from "./queue-task";
import { estimateSecondsLeft } from "./timing";
import type { UploadPhase, UploadSource } from "./upload-run";

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

export const EMPTY_SNAPSHOT: UploadSnapshot = Object.freeze({
  items: Object.freeze([]) as readonly UploadItem[],
  totals: EMPTY_TOTALS,
});

/**
 * The snapshot of `tasks` now, or null when it would show the same as `previous` (so
 * subscribers are not woken for nothing). `batch` is the current batch, whose bytes the
 * overall progress counts.
 */
export function buildSnapshot(
  tasks: readonly Task[],
  batch: number,
  previous: UploadSnapshot,
  listChanged: boolean,
): UploadSnapshot | null {
  const counts: Record<UploadStatus, number> = { queued: 0, uploading: 0, completed: 0, failed: 0, cancelled: 0 };
  let totalBytes = 0;
  let sentBytes = 0;
  let speed = 0;
  let viewsChanged = listChanged;
  const items: UploadItem[] = new Array(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i];
    const item = taskView(task);
    items[i] = item;
    if (!viewsChanged && previous.items[i] !== item) viewsChanged = true;
    counts[task.status]++;
    if (task.status === "uploading") speed += item.speed;
    // Failed and cancelled files drop out of the batch's bytes.
    if (task.batch === batch && task.status !== "failed" && task.status !== "cancelled") {
      totalBytes += task.size;
      sentBytes += bytesStored(task);
    }
  }
  if (!viewsChanged && items.length === previous.items.length) return null;
  const active = counts.queued + counts.uploading;
  return {
    items,
    totals: {
      count: items.length,
      queued: counts.queued,
      uploading: counts.uploading,
      completed: counts.completed,
      failed: counts.failed,
      cancelled: counts.cancelled,
      active,
      totalBytes,
      sentBytes,
      progress: totalBytes > 0 ? sentBytes / totalBytes : 1,
      speed,
      secondsLeft: active > 0 ? estimateSecondsLeft(totalBytes - sentBytes, speed) : null,
    },
  };
}

function bytesStored(task: Task): number {
  if (task.status === "completed") return task.size;
  if (task.status === "uploading") return task.bytesSent;
  return 0;
}

/** Order of rows in the upload list: what needs attention first, finished work last. */
const RANK: Record<UploadStatus, number> = { uploading: 0, failed: 1, queued: 2, completed: 3, cancelled: 4 };

export interface UploadWindow {
  /** At most `limit` items: uploading, then failed, then queued, then completed, then cancelled. */
  visible: UploadItem[];
  /** How many items are not in `visible`. */
  hidden: number;
}

/**
 * Picks the rows worth rendering out of a possibly huge list in one pass (no sort),
 * keeping the original order within each status.
 */
export function selectWindow(items: readonly UploadItem[], limit: number): UploadWindow {
  const buckets: UploadItem[][] = [[], [], [], [], []];
  for (const item of items) {
    const bucket = buckets[RANK[item.status]];
    if (bucket.length < limit) bucket.push(item);
  }
  const visible = buckets.flat().slice(0, limit);
  return { visible, hidden: items.length - visible.length };
}

/**
 * Every item in the panel's order (uploading, failed, queued, completed, cancelled; the original
 * order within each), in one pass: the windowed list renders only the rows in view.
 */
export function orderForPanel(items: readonly UploadItem[]): UploadItem[] {
  const buckets: UploadItem[][] = [[], [], [], [], []];
  for (const item of items) buckets[RANK[item.status]].push(item);
  return buckets.flat();
}

/** Failed items grouped by what went wrong, largest group first (for "12 failed — retry all"). */
export function failureGroups(items: readonly UploadItem[]): { message: string; count: number }[] {
  const groups = new Map<string, number>();
  for (const item of items) {
    if (item.status === "failed" && item.error)
      groups.set(item.error.message, (groups.get(item.error.message) ?? 0) + 1);
  }
  return [...groups].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count);
}
