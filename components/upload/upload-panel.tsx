"use client";

import { useId, useState } from "react";
import { selectWindow, type UploadItem, type UploadTotals } from "@/lib/client/upload";
import { useBatchAnnouncement } from "./use-batch-announcement";
import { UploadPanelHeader } from "./upload-panel-header";
import { neutralTextButton, textButton } from "./upload-panel-styles";
import { useUploadActions, useUploads, type UploadActions } from "./upload-provider";
import { UploadRow } from "./upload-row";

export interface UploadPanelProps {
  /** Rows rendered at most; the rest are summed up as "and N more" (default 100). */
  maxRows?: number;
  className?: string;
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

  return (
    <section
      aria-labelledby={titleId}
      data-testid="upload-panel"
      className={`fixed inset-x-0 bottom-0 z-40 flex max-h-[70dvh] flex-col overflow-hidden rounded-t-xl border border-b-0 border-zinc-200 bg-white pb-[env(safe-area-inset-bottom)] shadow-2xl shadow-zinc-900/10 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-[26rem] sm:rounded-xl sm:border-b sm:pb-0 dark:border-zinc-800 dark:bg-zinc-900 dark:shadow-black/50 ${className}`}
    >
      <UploadPanelHeader
        totals={totals}
        actions={actions}
        collapsed={collapsed}
        onToggleCollapsed={() => setCollapsed((c) => !c)}
        titleId={titleId}
        listId={listId}
      />

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
              <button type="button" onClick={() => actions.clearFinished()} className={neutralTextButton}>
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
