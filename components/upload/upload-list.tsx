"use client";

import { useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { failureGroups, orderForPanel, type UploadItem } from "@/lib/client/upload/queue-snapshot";
import type { PausedUpload } from "@/lib/client/upload/resume";
import { textButton } from "./upload-panel-styles";
import type { UploadActions } from "./upload-provider";
import { PausedRow, UploadRow } from "./upload-row";

/**
 * A windowed row's fixed height (name, progress bar, status line: 70 px and the divider). Fixed, so
 * the virtualizer never measures a row: measuring forces a layout per row as rows scroll in and
 * finish, which cost 90–140 ms tasks during a 10,000-file drop (docs/BENCHMARKS.md, issue 24).
 */
export const ROW_HEIGHT_PX = 72;
/** The list's size before the ResizeObserver first reports it (sm:max-h-80): enough rows for the first paint. */
const INITIAL_RECT = { width: 416, height: 320 };
/**
 * Up to this many rows are all rendered (cheap, and still in the DOM while the panel is folded);
 * longer lists are windowed.
 */
const ALL_ROWS_UP_TO = 100;

/**
 * The panel's rows: paused uploads, then every file in the panel's order, windowed (only the rows
 * in view and a few around them are in the DOM), so 10,000 files scroll as smoothly as ten.
 */
export function UploadList({
  items,
  paused,
  actions,
  onDiscard,
}: {
  items: readonly UploadItem[];
  paused: readonly PausedUpload[];
  actions: UploadActions;
  onDiscard: (upload: PausedUpload) => void;
}) {
  const ordered = useMemo(() => orderForPanel(items), [items]);
  const windowed = ordered.length > ALL_ROWS_UP_TO;
  const scroller = useRef<HTMLDivElement>(null);
  // The compiler skips this component (the virtualizer's functions change under it); the rows are memoised themselves.
  // Keys stay the default (the index): with every row the same height, the virtualizer's layout of
  // 10,000 rows is computed again only when their number changes, not at each publication.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as its docs say
  const virtualizer = useVirtualizer({
    count: windowed ? ordered.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: fixedRowHeight,
    initialRect: INITIAL_RECT,
    observeElementRect: observeSizeWithoutLayout,
    overscan: 6,
  });

  return (
    <div
      ref={scroller}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain sm:max-h-80"
      data-testid="upload-list"
    >
      {paused.length > 0 && (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800/80">
          {paused.map((upload) => (
            <PausedRow key={upload.key} upload={upload} onDiscard={onDiscard} />
          ))}
        </ul>
      )}
      {windowed ? (
        <ul
          className="relative divide-y divide-zinc-100 dark:divide-zinc-800/80"
          style={{ height: virtualizer.getTotalSize() }}
          aria-label={`${ordered.length.toLocaleString()} files`}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = ordered[row.index]!;
            return <UploadRow key={item.id} item={item} actions={actions} top={row.start} height={ROW_HEIGHT_PX} />;
          })}
        </ul>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800/80">
          {ordered.map((item) => (
            <UploadRow key={item.id} item={item} actions={actions} />
          ))}
        </ul>
      )}
    </div>
  );
}

const fixedRowHeight = () => ROW_HEIGHT_PX;

/**
 * The scroller's size from its ResizeObserver entries only. The library's default also reads
 * clientWidth/clientHeight when the list mounts, which forces a layout of the whole page right
 * when the panel first shows 10,000 rows (334 ms in a profiled drop); the observer reports the size
 * after the browser's own layout instead, and INITIAL_RECT covers the frame before that.
 */
function observeSizeWithoutLayout(
  instance: Virtualizer<HTMLDivElement, Element>,
  report: (rect: { width: number; height: number }) => void,
): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === "undefined") return undefined;
  const observer = new ResizeObserver(([entry]) => {
    if (!entry) return;
    const { width, height } = entry.contentRect;
    report({ width: Math.round(width), height: Math.round(height) });
  });
  observer.observe(element, { box: "content-box" });
  return () => observer.disconnect();
}

/** "12 failed — Retry all", with what went wrong, most common first. */
export function FailureSummary({
  items,
  failed: failedCount,
  actions,
}: {
  items: readonly UploadItem[];
  /** totals.failed: while nothing failed, the items are not walked at each publication. */
  failed: number;
  actions: UploadActions;
}) {
  const groups = useMemo(() => (failedCount > 0 ? failureGroups(items) : []), [items, failedCount]);
  const failed = groups.reduce((sum, g) => sum + g.count, 0);
  if (failed === 0) return null;
  return (
    <div
      className="flex items-start gap-2 border-b border-red-100 bg-red-50 px-4 py-2 text-xs text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
      data-testid="upload-failures"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">{failed.toLocaleString()} failed</p>
        <ul className="mt-0.5 space-y-0.5">
          {groups.slice(0, 3).map((g) => (
            <li key={g.message} className="truncate" title={g.message}>
              {g.message}
              {groups.length > 1 || g.count > 1 ? ` (${g.count.toLocaleString()})` : ""}
            </li>
          ))}
          {groups.length > 3 && <li>and {groups.length - 3} other problems</li>}
        </ul>
      </div>
      <button
        type="button"
        onClick={actions.retryFailed}
        className={`${textButton} shrink-0 text-red-800 hover:bg-red-100 dark:text-red-200 dark:hover:bg-red-900/50`}
      >
        Retry all
      </button>
    </div>
  );
}
