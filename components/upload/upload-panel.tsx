"use client";

import { ChevronDown, CircleCheck, RotateCw, X } from "lucide-react";
import { memo, useEffect, useId, useRef, useState } from "react";
import { FileIcon } from "@/components/files/file-icon";
import { focusRing } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { formatBytes } from "@/lib/bytes";
import { formatDuration, formatSpeed } from "@/lib/client/format";
import { selectWindow, type UploadItem, type UploadTotals } from "@/lib/client/upload";
import { useUploadActions, useUploads, type UploadActions } from "./upload-provider";

export interface UploadPanelProps {
  /** Rows rendered at most; the rest are summed up as "and N more" (default 100). */
  maxRows?: number;
  className?: string;
}

const iconButton = `inline-flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-900 disabled:pointer-events-none disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${focusRing}`;
const textButton = `rounded-md px-2 py-1 text-xs font-medium transition-colors ${focusRing}`;

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}

function panelTitle(t: UploadTotals): string {
  const percent = Math.floor(t.progress * 100);
  if (t.active > 0) return `Uploading ${plural(t.active, "file")} — ${percent}%`;
  if (t.failed > 0) return t.completed > 0 ? `${t.completed.toLocaleString()} uploaded, ${t.failed.toLocaleString()} failed` : `${plural(t.failed, "upload")} failed`;
  if (t.completed > 0) return `${plural(t.completed, "upload")} complete`;
  return "Uploads cancelled";
}

function panelSubtitle(t: UploadTotals): string | null {
  if (t.active === 0) return null;
  const parts = [`${formatBytes(t.sentBytes)} of ${formatBytes(t.totalBytes)}`];
  if (t.speed > 0) parts.push(formatSpeed(t.speed));
  if (t.secondsLeft !== null && t.speed > 0) parts.push(`${formatDuration(t.secondsLeft)} left`);
  return parts.join(" · ");
}

/**
 * The uploads: a panel fixed bottom right (a bottom sheet on phones), hidden while there are
 * none. Header with the overall progress and "Cancel all"; a row per file (a window of them
 * when there are many), each with its progress, status and cancel / retry.
 */
export function UploadPanel({ maxRows = 100, className = "" }: UploadPanelProps) {
  const { items, totals } = useUploads();
  // Stable (unlike the snapshot), so memoised rows only re-render when their own item changes.
  const actions = useUploadActions();
  const announcement = useBatchAnnouncement(totals);

  // The live region stays mounted (and in place) whether or not the panel shows.
  return (
    <>
      {items.length > 0 && <Panel items={items} totals={totals} actions={actions} maxRows={maxRows} className={className} />}
      <LiveRegion text={announcement} />
    </>
  );
}

function Panel({
  items,
  totals,
  actions,
  maxRows,
  className,
}: {
  items: readonly UploadItem[];
  totals: UploadTotals;
  actions: UploadActions;
  maxRows: number;
  className: string;
}) {
  const [collapsed, setCollapsed] = useState(false);
  const listId = useId();
  const titleId = useId();
  const { visible, hidden } = selectWindow(items, maxRows);
  const finished = totals.completed + totals.cancelled;
  const subtitle = panelSubtitle(totals);
  const barTone = totals.active === 0 && totals.failed > 0 ? "danger" : totals.active === 0 ? "success" : "accent";

  return (
    <section
      aria-labelledby={titleId}
      data-testid="upload-panel"
      className={`fixed inset-x-0 bottom-0 z-40 flex max-h-[70dvh] flex-col overflow-hidden rounded-t-xl border border-b-0 border-zinc-200 bg-white pb-[env(safe-area-inset-bottom)] shadow-2xl shadow-zinc-900/10 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-[26rem] sm:rounded-xl sm:border-b sm:pb-0 dark:border-zinc-800 dark:bg-zinc-900 dark:shadow-black/50 ${className}`}
    >
      <header className="flex items-center gap-1 pt-2.5 pr-2 pb-2 pl-4">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100" data-testid="upload-panel-title">
            {panelTitle(totals)}
          </h2>
          {subtitle && <p className="truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{subtitle}</p>}
        </div>
        {totals.active > 0 && (
          <button
            type="button"
            onClick={actions.cancelAll}
            className={`${textButton} text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100`}
          >
            Cancel all
          </button>
        )}
        <button
          type="button"
          className={iconButton}
          onClick={() => setCollapsed((c) => !c)}
          aria-expanded={!collapsed}
          aria-controls={listId}
          aria-label={collapsed ? "Show uploads" : "Hide upload list"}
        >
          <ChevronDown className={`size-4 transition-transform motion-reduce:transition-none ${collapsed ? "rotate-180" : ""}`} aria-hidden />
        </button>
        {totals.active === 0 && (
          <button type="button" className={iconButton} onClick={() => actions.clearFinished({ includeFailed: true })} aria-label="Close uploads">
            <X className="size-4" aria-hidden />
          </button>
        )}
      </header>
      <div className="border-b border-zinc-100 px-4 pb-3 dark:border-zinc-800">
        <Progress value={totals.progress * 100} size="xs" tone={barTone} label="Total upload progress" />
      </div>

      <div id={listId} hidden={collapsed} className="flex min-h-0 flex-col">
        <ul className="min-h-0 flex-1 divide-y divide-zinc-100 overflow-y-auto overscroll-contain sm:max-h-80 dark:divide-zinc-800/80">
          {visible.map((item) => (
            <UploadRow key={item.id} item={item} actions={actions} />
          ))}
        </ul>
        {hidden > 0 && (
          <p className="border-t border-zinc-100 px-4 py-2 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400" data-testid="upload-more">
            and {hidden.toLocaleString()} more
          </p>
        )}
        {(totals.failed > 0 || finished > 0) && (
          <footer className="flex items-center justify-end gap-1 border-t border-zinc-100 px-2 py-1.5 dark:border-zinc-800">
            {totals.failed > 1 && (
              <button
                type="button"
                onClick={actions.retryFailed}
                className={`${textButton} text-indigo-700 hover:bg-indigo-50 dark:text-indigo-300 dark:hover:bg-indigo-950/60`}
              >
                Retry failed ({totals.failed.toLocaleString()})
              </button>
            )}
            {finished > 0 && (
              <button
                type="button"
                onClick={() => actions.clearFinished()}
                className={`${textButton} text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100`}
              >
                Clear finished
              </button>
            )}
          </footer>
        )}
      </div>
    </section>
  );
}

function LiveRegion({ text }: { text: string }) {
  return (
    <div className="sr-only" aria-live="polite" role="status">
      {text}
    </div>
  );
}

/** One announcement when a batch starts and one when it ends (progress ticks would drown a screen reader). */
function useBatchAnnouncement(totals: UploadTotals): string {
  const [text, setText] = useState("");
  const wasActive = useRef(false);
  const active = totals.active > 0;
  useEffect(() => {
    if (active && !wasActive.current) setText(`Uploading ${plural(totals.active, "file")}.`);
    if (!active && wasActive.current) {
      setText(
        totals.failed > 0
          ? `Uploads finished: ${totals.completed.toLocaleString()} uploaded, ${totals.failed.toLocaleString()} failed.`
          : `Uploads finished: ${plural(totals.completed, "file")} uploaded.`,
      );
    }
    wasActive.current = active;
  }, [active, totals.active, totals.completed, totals.failed]);
  return text;
}

function statusText(item: UploadItem): string {
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
      const parts = [item.resumed ? "Uploading (resumed)" : "Uploading", `${formatBytes(item.bytesSent)} of ${formatBytes(item.size)}`];
      if (item.speed > 0) parts.push(formatSpeed(item.speed));
      if (item.secondsLeft !== null && item.speed > 0) parts.push(`${formatDuration(item.secondsLeft)} left`);
      return parts.join(" · ");
    }
  }
}

const TONE = { queued: "neutral", uploading: "accent", completed: "success", failed: "danger", cancelled: "neutral" } as const;

const UploadRow = memo(function UploadRow({ item, actions }: { item: UploadItem; actions: UploadActions }) {
  const { status } = item;
  const percent = Math.floor(item.progress * 100);
  return (
    <li className="flex items-center gap-3 px-4 py-2.5" data-testid="upload-row" data-status={status}>
      <FileIcon type={item.type} name={item.name} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <p className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100" title={item.name}>
            {item.name}
          </p>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatBytes(item.size)}</span>
        </div>
        <Progress
          value={item.progress * 100}
          size="xs"
          tone={TONE[status]}
          label={`Upload of ${item.name}`}
          valueText={status === "uploading" ? `${percent}%, ${formatBytes(item.bytesSent)} of ${formatBytes(item.size)}` : statusText(item)}
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
          <button type="button" className={iconButton} onClick={() => actions.retry(item.id)} aria-label={`Retry upload of ${item.name}`} title="Retry">
            <RotateCw className="size-4" aria-hidden />
          </button>
        )}
        {status === "completed" && <CircleCheck className="m-2 size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />}
      </div>
    </li>
  );
});
