"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef } from "react";
import { failureGroups, orderForPanel, type UploadItem } from "@/lib/client/upload/queue-snapshot";
import type { PausedUpload } from "@/lib/client/upload/resume";
import { textButton } from "./upload-panel-styles";
import type { UploadActions } from "./upload-provider";
import { PausedRow, UploadRow } from "./upload-row";

/** A row's height before it is measured (name, progress bar, status line). */
const ROW_ESTIMATE_PX = 64;
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
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as its docs say
  const virtualizer = useVirtualizer({
    count: windowed ? ordered.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE_PX,
    getItemKey: (index) => ordered[index]!.id,
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
          {virtualizer.getVirtualItems().map((row) => (
            <UploadRow
              key={row.key}
              item={ordered[row.index]!}
              actions={actions}
              rowRef={virtualizer.measureElement}
              index={row.index}
              top={row.start}
            />
          ))}
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

/** "12 failed — Retry all", with what went wrong, most common first. */
export function FailureSummary({ items, actions }: { items: readonly UploadItem[]; actions: UploadActions }) {
  const groups = useMemo(() => failureGroups(items), [items]);
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
