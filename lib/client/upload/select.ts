import type { UploadItem, UploadStatus } from "./queue";

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
