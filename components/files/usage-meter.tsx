import { HardDrive } from "lucide-react";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/bytes";
import type { Usage } from "@/lib/client/api";

/** "… of which 300 MB in the trash": trashed files still count until the trash is emptied. */
function TrashShare({ bytes }: { bytes: number }) {
  if (bytes <= 0) return null;
  return (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="usage-trash">
      {formatBytes(bytes)} in the trash
    </span>
  );
}

/** "1.2 GB of 10 GB used" with a bar (no bar for an unlimited quota); a placeholder while loading. */
export function UsageMeter({ usage, className = "" }: { usage: Usage | null; className?: string }) {
  if (!usage) {
    return (
      <div className={`space-y-2 ${className}`} aria-hidden>
        <div className="h-3 w-32 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-1.5 w-full animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800" />
      </div>
    );
  }
  const { usedBytes, quotaBytes, fileCount, trashBytes } = usage;
  const files = `${fileCount.toLocaleString()} file${fileCount === 1 ? "" : "s"}`;

  if (quotaBytes === null) {
    return (
      <p
        className={`flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400 ${className}`}
        data-testid="usage"
      >
        <HardDrive className="size-4 shrink-0" aria-hidden />
        <span>
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatBytes(usedBytes)}</span> used · {files}
          {trashBytes > 0 && " · "}
          <TrashShare bytes={trashBytes} />
        </span>
      </p>
    );
  }

  const ratio = quotaBytes > 0 ? usedBytes / quotaBytes : 1;
  const tone = ratio >= 0.98 ? "danger" : ratio >= 0.9 ? "warning" : "accent";
  const text = `${formatBytes(usedBytes)} of ${formatBytes(quotaBytes)} used`;
  return (
    <div className={`space-y-1.5 ${className}`} data-testid="usage">
      <div className="flex items-baseline justify-between gap-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex items-center gap-1.5">
          <HardDrive className="size-3.5 shrink-0" aria-hidden />
          <span>
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{formatBytes(usedBytes)}</span> of{" "}
            {formatBytes(quotaBytes)}
          </span>
        </span>
        <span className="tabular-nums">{files}</span>
      </div>
      <Progress value={Math.min(100, ratio * 100)} tone={tone} size="xs" label="Storage used" valueText={text} />
      {(ratio >= 0.9 || trashBytes > 0) && (
        <p className="flex justify-between gap-3 text-xs">
          <TrashShare bytes={trashBytes} />
          {ratio >= 0.9 && (
            <span
              className={`ml-auto ${ratio >= 0.98 ? "text-red-600 dark:text-red-400" : "text-amber-700 dark:text-amber-400"}`}
            >
              {formatBytes(Math.max(0, quotaBytes - usedBytes))} left
            </span>
          )}
        </p>
      )}
    </div>
  );
}
