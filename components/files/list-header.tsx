"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { focusRing } from "@/components/ui/button";
import { LIST_COLUMNS } from "./entry-views";
import type { SortKey, SortOrder } from "./queries";

export interface SortProps {
  key: SortKey;
  order: SortOrder;
  onSort: (key: SortKey, order: SortOrder) => void;
}

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: "name", label: "Name", className: "px-3 sm:pl-4" },
  { key: "size", label: "Size", className: "justify-end px-3" },
  { key: "createdAt", label: "Uploaded", className: "hidden px-3 sm:flex" },
];

/** The list view's column headers; a click sorts by the column (again: the other way). */
export function ListHeader({ sort, dateLabel = "Uploaded" }: { sort?: SortProps; dateLabel?: string }) {
  return (
    <div
      role="rowgroup"
      className="sticky top-14 z-10 rounded-t-lg border-b border-zinc-200 bg-zinc-50/95 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/95"
    >
      <div
        role="row"
        aria-rowindex={1}
        className={`${LIST_COLUMNS} h-9 items-center text-xs font-medium text-zinc-600 dark:text-zinc-400`}
      >
        {COLUMNS.map((column) => {
          const current = sort?.key === column.key;
          const Arrow = sort?.order === "desc" ? ArrowDown : ArrowUp;
          return (
            <div
              key={column.key}
              role="columnheader"
              aria-sort={current ? (sort!.order === "asc" ? "ascending" : "descending") : undefined}
              className={`flex items-center ${column.className}`}
            >
              {sort ? (
                <button
                  type="button"
                  tabIndex={-1}
                  className={`inline-flex items-center gap-1 rounded px-1 -mx-1 hover:text-zinc-900 dark:hover:text-zinc-100 ${focusRing}`}
                  onClick={() =>
                    sort.onSort(
                      column.key,
                      current && sort.order === "asc"
                        ? "desc"
                        : current
                          ? "asc"
                          : column.key === "name"
                            ? "asc"
                            : "desc",
                    )
                  }
                >
                  {column.label}
                  {current && <Arrow className="size-3.5" aria-hidden />}
                </button>
              ) : column.key === "createdAt" ? (
                dateLabel
              ) : (
                column.label
              )}
            </div>
          );
        })}
        <div role="columnheader" className="px-3">
          <span className="sr-only">Actions</span>
        </div>
      </div>
    </div>
  );
}
