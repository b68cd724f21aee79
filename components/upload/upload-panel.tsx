"use client";

import { useEffect, useId, useRef, useState, type RefObject } from "react";
import type { UploadItem, UploadTotals } from "@/lib/client/upload/queue-snapshot";
import type { PausedUpload } from "@/lib/client/upload/resume";
import { useBatchAnnouncement } from "./use-batch-announcement";
import { UploadPanelHeader } from "./upload-panel-header";
import { neutralTextButton, PANEL_INSET_VAR } from "./upload-panel-styles";
import { useUploadActions, useUploads, type UploadActions } from "./upload-provider";
import { FailureSummary, UploadList } from "./upload-list";
import { usePausedUploads } from "./use-paused-uploads";

/** How long a finished batch stays open (its ticks visible) before the panel folds to its header. */
const COLLAPSE_AFTER_MS = 1_500;

export interface UploadPanelProps {
  className?: string;
}

/**
 * The uploads: a panel fixed bottom right (a bottom sheet on phones), hidden while there are
 * none. Header with the overall progress and "Cancel all"; failures grouped with "Retry all"; a
 * row per file (windowed: only the rows in view are rendered), each with its progress, status and
 * cancel / retry.
 */
export function UploadPanel({ className = "" }: UploadPanelProps) {
  const { items, totals } = useUploads();
  // Stable (unlike the snapshot), so memoised rows only re-render when their own item changes.
  const actions = useUploadActions();
  const announcement = useBatchAnnouncement(totals);
  const { paused, discard } = usePausedUploads(items);
  // Closing the panel puts paused uploads out of sight until the next page load (they stay resumable).
  const [pausedDismissed, setPausedDismissed] = useState(false);
  const shownPaused = pausedDismissed ? [] : paused;

  // The live region stays mounted (and in place) whether or not the panel shows.
  return (
    <>
      {(items.length > 0 || shownPaused.length > 0) && (
        <Panel
          items={items}
          paused={shownPaused}
          totals={totals}
          actions={actions}
          onDiscard={discard}
          onClose={() => {
            actions.clearFinished({ includeFailed: true });
            setPausedDismissed(true);
          }}
          className={className}
        />
      )}
      <LiveRegion text={announcement} />
    </>
  );
}

/**
 * Folds the panel to its header a moment after its uploads are all done without failures (also
 * when they were done before it first showed), and opens it when a new batch starts. Opening it
 * by hand afterwards sticks until the list changes.
 */
function useAutoCollapse(totals: UploadTotals): [boolean, (update: (collapsed: boolean) => boolean) => void] {
  const [collapsed, setCollapsed] = useState(false);
  const active = totals.active > 0;
  const allDone = !active && totals.failed === 0 && totals.count > 0;
  // A batch starting (or growing) opens the panel: adjusted while rendering, not after.
  const batch = active ? totals.count : null;
  const [seenBatch, setSeenBatch] = useState(batch);
  if (batch !== seenBatch) {
    setSeenBatch(batch);
    if (batch !== null) setCollapsed(false);
  }
  useEffect(() => {
    if (!allDone) return;
    const timer = setTimeout(() => setCollapsed(true), COLLAPSE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [allDone, totals.count]);
  return [collapsed, setCollapsed];
}

/** Publishes the panel's footprint as PANEL_INSET_VAR, so content can leave room for it. */
function useInsetVariable(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const root = document.documentElement;
    const update = () => {
      const { top } = panel.getBoundingClientRect();
      root.style.setProperty(PANEL_INSET_VAR, `${Math.max(0, Math.ceil(window.innerHeight - top))}px`);
    };
    const observer = new ResizeObserver(update);
    observer.observe(panel);
    window.addEventListener("resize", update);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", update);
      root.style.removeProperty(PANEL_INSET_VAR);
    };
  }, [ref]);
}

function Panel({
  items,
  paused,
  totals,
  actions,
  onDiscard,
  onClose,
  className,
}: {
  items: readonly UploadItem[];
  paused: readonly PausedUpload[];
  totals: UploadTotals;
  actions: UploadActions;
  onDiscard: (upload: PausedUpload) => void;
  onClose: () => void;
  className: string;
}) {
  const [collapsed, setCollapsed] = useAutoCollapse(totals);
  const listId = useId();
  const titleId = useId();
  const section = useRef<HTMLElement>(null);
  useInsetVariable(section);
  const finished = totals.completed + totals.cancelled;

  return (
    <section
      ref={section}
      aria-labelledby={titleId}
      data-collapsed={collapsed || undefined}
      data-testid="upload-panel"
      className={`fixed inset-x-0 bottom-0 z-40 flex max-h-[70dvh] flex-col overflow-hidden rounded-t-xl border border-b-0 border-zinc-200 bg-white pb-[env(safe-area-inset-bottom)] shadow-2xl shadow-zinc-900/10 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-[26rem] sm:rounded-xl sm:border-b sm:pb-0 dark:border-zinc-800 dark:bg-zinc-900 dark:shadow-black/50 ${className}`}
    >
      <UploadPanelHeader
        totals={totals}
        pausedCount={paused.length}
        actions={actions}
        onClose={onClose}
        collapsed={collapsed}
        onToggleCollapsed={() => setCollapsed((c) => !c)}
        titleId={titleId}
        listId={listId}
      />

      <div id={listId} hidden={collapsed} className="flex min-h-0 flex-col">
        <FailureSummary items={items} failed={totals.failed} actions={actions} />
        <UploadList items={items} paused={paused} actions={actions} onDiscard={onDiscard} />
        {(totals.failed > 0 || finished > 0) && (
          <footer className="flex items-center justify-end gap-1 border-t border-zinc-100 px-2 py-1.5 dark:border-zinc-800">
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
