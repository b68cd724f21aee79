// The words of the upload panel: its title and subtitle, and each row's status line.
import { formatBytes } from "@/lib/bytes";
import { formatDuration, formatSpeed } from "@/lib/client/format";
import type { UploadItem, UploadTotals } from "@/lib/client/upload/queue-snapshot";

/** "1 file", "3 files" (numbers with the locale's separators). */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}

export function panelTitle(t: UploadTotals, pausedCount = 0): string {
  const percent = Math.floor(t.progress * 100);
  if (t.count === 0 && pausedCount > 0) return `${plural(pausedCount, "upload")} paused`;
  if (t.active > 0) return `Uploading ${plural(t.active, "file")} — ${percent}%`;
  if (t.failed > 0)
    return t.completed > 0
      ? `${t.completed.toLocaleString()} uploaded, ${t.failed.toLocaleString()} failed`
      : `${plural(t.failed, "upload")} failed`;
  if (t.completed > 0) return `${plural(t.completed, "upload")} complete`;
  return "Uploads cancelled";
}

/** "<sent> of <total> · <speed> · <time> left" while uploads run; null otherwise. */
export function panelSubtitle(t: UploadTotals): string | null {
  if (t.active === 0) return null;
  return withSpeedAndTimeLeft([`${formatBytes(t.sentBytes)} of ${formatBytes(t.totalBytes)}`], t).join(" · ");
}

export function statusText(item: UploadItem): string {
  switch (item.status) {
    case "queued":
      return "Queued";
    case "completed":
      return "Completed";
    case "cancelled":
      return "Cancelled";
    case "failed":
      return `Failed: ${item.error?.message ?? "unknown error"}`;
    case "uploading": {
      if (item.phase === "preparing") return "Uploading · starting…";
      if (item.phase === "finishing") return "Uploading · finishing…";
      const parts = [
        item.resumed ? "Uploading (resumed)" : "Uploading",
        `${formatBytes(item.bytesSent)} of ${formatBytes(item.size)}`,
      ];
      return withSpeedAndTimeLeft(parts, item).join(" · ");
    }
  }
}

/** What a paused row (an upload a reload cut off) says. */
export const PAUSED_TEXT = "Paused — drop the file again to resume";

/** Speed and time left are only worth showing once bytes are moving. */
function withSpeedAndTimeLeft(parts: string[], p: { speed: number; secondsLeft: number | null }): string[] {
  if (p.speed > 0) parts.push(formatSpeed(p.speed));
  if (p.secondsLeft !== null && p.speed > 0) parts.push(`${formatDuration(p.secondsLeft)} left`);
  return parts;
}
