"use client";

import { FolderPlus, LayoutGrid, List, Search, X } from "lucide-react";
import type { ReactNode } from "react";
import { Button, focusRing } from "@/components/ui/button";
import { useHydrated } from "@/lib/client/use-hydrated";
import type { SortKey, SortOrder } from "./queries";

export const SORTS = ["name:asc", "name:desc", "createdAt:desc", "createdAt:asc", "size:desc", "size:asc"] as const;
export type SortValue = (typeof SORTS)[number];
const SORT_LABELS: Record<SortValue, string> = {
  "name:asc": "Name (A–Z)",
  "name:desc": "Name (Z–A)",
  "createdAt:desc": "Newest first",
  "createdAt:asc": "Oldest first",
  "size:desc": "Largest first",
  "size:asc": "Smallest first",
};
export const parseSort = (value: SortValue) => value.split(":") as [SortKey, SortOrder];

const control = `h-9 rounded-lg border border-zinc-300 bg-white text-sm shadow-xs dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`;

export interface FilesToolbarProps {
  query: string;
  onQuery: (query: string) => void;
  sort: SortValue;
  onSort: (sort: SortValue) => void;
  view: "list" | "grid";
  onView: (view: "list" | "grid") => void;
  onNewFolder?: () => void;
  /** While entries are selected: shown beside the search in place of sort, view and New folder. */
  selectionBar?: ReactNode;
  children?: ReactNode;
}

/** Search across all folders, sort, list or grid, New folder (and the caller's buttons). */
export function FilesToolbar(props: FilesToolbarProps) {
  const { query, onQuery, selectionBar } = props;
  // Typing before hydration would search nothing (the box has no handler yet) and be lost.
  const hydrated = useHydrated();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-0 flex-1 basis-full sm:basis-60">
        <Search
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-500"
          aria-hidden
        />
        <input
          type="search"
          disabled={!hydrated}
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          onKeyDown={(event) => event.key === "Escape" && onQuery("")}
          placeholder="Search all files"
          aria-label="Search all files"
          className={`${control} w-full pr-8 pl-8 placeholder:text-zinc-500 [&::-webkit-search-cancel-button]:hidden`}
        />
        {query && (
          <button
            type="button"
            onClick={() => onQuery("")}
            aria-label="Clear search"
            className={`absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-1 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100 ${focusRing}`}
          >
            <X className="size-3.5" aria-hidden />
          </button>
        )}
      </div>
      {selectionBar ? <div className="min-w-0 flex-[2_1_24rem]">{selectionBar}</div> : <ListControls {...props} />}
    </div>
  );
}

function ListControls({ sort, onSort, view, onView, onNewFolder, children }: FilesToolbarProps) {
  const hydrated = useHydrated(); // a click before hydration would open nothing
  return (
    <>
      <label className="sr-only" htmlFor="files-sort">
        Sort by
      </label>
      <select
        id="files-sort"
        value={sort}
        onChange={(event) => onSort(event.target.value as SortValue)}
        className={`${control} px-2`}
      >
        {SORTS.map((value) => (
          <option key={value} value={value}>
            {SORT_LABELS[value]}
          </option>
        ))}
      </select>
      <div
        role="group"
        aria-label="View"
        className="flex rounded-lg border border-zinc-300 bg-white p-0.5 shadow-xs dark:border-zinc-700 dark:bg-zinc-900"
      >
        {(["list", "grid"] as const).map((mode) => {
          const Icon = mode === "list" ? List : LayoutGrid;
          return (
            <button
              key={mode}
              type="button"
              aria-pressed={view === mode}
              aria-label={mode === "list" ? "List view" : "Grid view"}
              title={mode === "list" ? "List view" : "Grid view"}
              onClick={() => onView(mode)}
              className={`rounded-md p-1.5 ${view === mode ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"} ${focusRing}`}
            >
              <Icon className="size-4" aria-hidden />
            </button>
          );
        })}
      </div>
      {onNewFolder && (
        <Button variant="secondary" onClick={onNewFolder} disabled={!hydrated} className="h-9">
          <FolderPlus className="size-4" aria-hidden />
          New folder
        </Button>
      )}
      {children}
    </>
  );
}

/** Stands in for sort, view and New folder while entries are selected: how many, and what can be done with them. */
export function SelectionBar({
  count,
  onClear,
  children,
}: {
  count: number;
  onClear: () => void;
  children: ReactNode;
}) {
  return (
    <div
      role="toolbar"
      aria-label="Selected items"
      className="flex min-h-[2.625rem] flex-wrap items-center gap-1 rounded-lg bg-indigo-50 px-2 py-1 dark:bg-indigo-950/50"
      data-testid="selection-bar"
    >
      <button
        type="button"
        onClick={onClear}
        aria-label="Clear selection"
        className={`rounded-md p-1.5 text-indigo-900 hover:bg-indigo-100 dark:text-indigo-100 dark:hover:bg-indigo-900 ${focusRing}`}
      >
        <X className="size-4" aria-hidden />
      </button>
      <p className="mr-auto text-sm font-medium text-indigo-950 dark:text-indigo-50" aria-live="polite">
        {count.toLocaleString()} selected
      </p>
      {children}
    </div>
  );
}

export const barButton = `inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-indigo-950 hover:bg-indigo-100 dark:text-indigo-50 dark:hover:bg-indigo-900 ${focusRing}`;
