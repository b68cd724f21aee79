"use client";

import { ChevronDown, X } from "lucide-react";
import { Progress } from "@/components/ui/progress";
import type { UploadTotals } from "@/lib/client/upload/queue-snapshot";
import { iconButton, neutralTextButton } from "./upload-panel-styles";
import { panelTitle, panelSubtitle } from "./upload-panel-text";
import type { UploadActions } from "./upload-provider";

export interface UploadPanelHeaderProps {
  totals: UploadTotals;
  /** Uploads a reload cut off, waiting for their file to be dropped again. */
  pausedCount: number;
  actions: UploadActions;
  /** The close button: clears finished uploads and puts paused ones out of sight. */
  onClose: () => void;
  collapsed: boolean;
  onToggleCollapsed: () => void;
  /** Id of the panel's title (the panel is labelled by it). */
  titleId: string;
  /** Id of the list the collapse button shows and hides. */
  listId: string;
}

/** The overall progress with "Cancel all" while uploads run, collapse, and close once they are done. */
export function UploadPanelHeader({
  totals,
  pausedCount,
  actions,
  onClose,
  collapsed,
  onToggleCollapsed,
  titleId,
  listId,
}: UploadPanelHeaderProps) {
  const subtitle = panelSubtitle(totals);
  const barTone = totals.active === 0 && totals.failed > 0 ? "danger" : totals.active === 0 ? "success" : "accent";
  return (
    <>
      <header className="flex items-center gap-1 pt-2.5 pr-2 pb-2 pl-4">
        <div className="min-w-0 flex-1">
          <h2
            id={titleId}
            className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100"
            data-testid="upload-panel-title"
          >
            {panelTitle(totals, pausedCount)}
          </h2>
          {subtitle && <p className="truncate text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{subtitle}</p>}
        </div>
        {totals.active > 0 && (
          <button type="button" onClick={actions.cancelAll} className={neutralTextButton}>
            Cancel all
          </button>
        )}
        <button
          type="button"
          className={iconButton}
          onClick={onToggleCollapsed}
          aria-expanded={!collapsed}
          aria-controls={listId}
          aria-label={collapsed ? "Show uploads" : "Hide upload list"}
        >
          <ChevronDown
            className={`size-4 transition-transform motion-reduce:transition-none ${collapsed ? "rotate-180" : ""}`}
            aria-hidden
          />
        </button>
        {totals.active === 0 && (
          <button type="button" className={iconButton} onClick={onClose} aria-label="Close uploads">
            <X className="size-4" aria-hidden />
          </button>
        )}
      </header>
      <div className="border-b border-zinc-100 px-4 pb-3 dark:border-zinc-800" hidden={totals.count === 0}>
        <Progress value={totals.progress * 100} size="xs" tone={barTone} label="Total upload progress" />
      </div>
    </>
  );
}
