"use client";

import { CircleCheck, Pause, RotateCw, X } from "lucide-react";
import { memo } from "react";
import { FileIcon } from "@/components/files/file-icon";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/bytes";
import type { UploadItem } from "@/lib/client/upload/queue-snapshot";
import type { PausedUpload } from "@/lib/client/upload/resume";
import { iconButton } from "./upload-panel-styles";
import { PAUSED_TEXT, statusText } from "./upload-panel-text";
import type { UploadActions } from "./upload-provider";

const TONE = {
  queued: "neutral",
  uploading: "accent",
  completed: "success",
  failed: "danger",
  cancelled: "neutral",
} as const;

/** One file of the upload panel: name, size, progress, status, and cancel or retry. Re-renders only when its item changes. */
export const UploadRow = memo(function UploadRow({
  item,
  actions,
  top,
  height,
}: {
  item: UploadItem;
  actions: UploadActions;
  /** In a windowed list: the row is placed `top` pixels down, `height` pixels tall (never measured). */
  top?: number;
  height?: number;
}) {
  const { status } = item;
  const percent = Math.floor(item.progress * 100);
  return (
    <li
      style={
        top === undefined
          ? undefined
          : { position: "absolute", insetInline: 0, top: 0, height, transform: `translateY(${top}px)` }
      }
      className={`flex items-center gap-3 px-4 py-2.5 ${top === undefined ? "" : "overflow-hidden"}`}
      data-testid="upload-row"
      data-status={status}
    >
      <FileIcon type={item.type} name={item.name} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <p className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100" title={item.name}>
            {item.name}
          </p>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {formatBytes(item.size)}
          </span>
        </div>
        <Progress
          value={item.progress * 100}
          size="xs"
          tone={TONE[status]}
          label={`Upload of ${item.name}`}
          valueText={
            status === "uploading"
              ? `${percent}%, ${formatBytes(item.bytesSent)} of ${formatBytes(item.size)}`
              : statusText(item)
          }
          className="mt-1.5"
        />
        <p
          className={`mt-1 truncate text-xs tabular-nums ${status === "failed" ? "text-red-600 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}`}
          title={status === "failed" ? statusText(item) : undefined}
          data-testid="upload-status"
        >
          {statusText(item)}
        </p>
      </div>
      <div className="flex shrink-0 items-center">
        {(status === "queued" || status === "uploading") && (
          <button
            type="button"
            className={iconButton}
            onClick={() => actions.cancel(item.id)}
            disabled={item.phase === "finishing"}
            aria-label={`Cancel upload of ${item.name}`}
            title="Cancel"
          >
            <X className="size-4" aria-hidden />
          </button>
        )}
        {(status === "failed" || status === "cancelled") && (
          <button
            type="button"
            className={iconButton}
            onClick={() => actions.retry(item.id)}
            aria-label={`Retry upload of ${item.name}`}
            title="Retry"
          >
            <RotateCw className="size-4" aria-hidden />
          </button>
        )}
        {status === "completed" && (
          <CircleCheck className="m-2 size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />
        )}
      </div>
    </li>
  );
});

/** An upload a reload cut off: dropping the same file again continues it; Discard gives its space back. */
export function PausedRow({ upload, onDiscard }: { upload: PausedUpload; onDiscard: (upload: PausedUpload) => void }) {
  return (
    <li className="flex items-center gap-3 px-4 py-2.5" data-testid="upload-row" data-status="paused">
      <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-amber-50 text-amber-700 dark:bg-amber-950/60 dark:text-amber-300">
        <Pause className="size-4" aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <p
            className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100"
            title={upload.name}
          >
            {upload.name}
          </p>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {formatBytes(upload.size)}
          </span>
        </div>
        <Progress
          value={upload.size > 0 ? (upload.bytesStored / upload.size) * 100 : 0}
          size="xs"
          tone="warning"
          label={`Upload of ${upload.name}`}
          valueText={`Paused, ${formatBytes(upload.bytesStored)} of ${formatBytes(upload.size)} stored`}
          className="mt-1.5"
        />
        <p className="mt-1 truncate text-xs text-zinc-600 dark:text-zinc-300" data-testid="upload-status">
          {PAUSED_TEXT}
        </p>
      </div>
      <button
        type="button"
        className={iconButton}
        onClick={() => onDiscard(upload)}
        aria-label={`Discard paused upload of ${upload.name}`}
        title="Discard"
      >
        <X className="size-4" aria-hidden />
      </button>
    </li>
  );
}
