// The snapshot the queue publishes: every item in queue order, and totals over them.
import { taskView, type Task } from "./queue-task";
import type { UploadItem, UploadSnapshot, UploadStatus, UploadTotals } from "./queue-types";
import { estimateSecondsLeft } from "./speed";

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

/**
 * The snapshot of `tasks` now, or null when it would show the same as `previous` (so
 * subscribers are not woken for nothing). `batch` is the current batch, whose bytes the
 * overall progress counts.
 */
export function buildSnapshot(tasks: readonly Task[], batch: number, previous: UploadSnapshot, listChanged: boolean): UploadSnapshot | null {
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
