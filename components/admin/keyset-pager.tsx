"use client";
// Keyset paging shared by the admin tables: the stack of cursors of the pages before this one
// ("Previous" pops, "Next" pushes), and the pager under the table.
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The cursor stack belongs to one query (sort, search, filters, as `queryKey`): another query
 * starts again from the first page, without an effect resetting state after the render.
 */
export function useCursorStack(queryKey: string) {
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({
    key: queryKey,
    cursors: [null],
  });
  const cursorsOf = (state: typeof paging) => (state.key === queryKey ? state.cursors : [null]);
  const cursors = cursorsOf(paging);
  const update = (change: (cursors: (string | null)[]) => (string | null)[]) =>
    setPaging((state) => ({ key: queryKey, cursors: change(cursorsOf(state)) }));
  return {
    cursor: cursors.at(-1) ?? null,
    pageNumber: cursors.length,
    previous: () => update((c) => c.slice(0, -1)),
    next: (nextCursor: string) => update((c) => [...c, nextCursor]),
  };
}

export function KeysetPager({
  label,
  loadingText,
  pageNumber,
  shown,
  loading,
  nextCursor,
  stale,
  onPrevious,
  onNext,
}: {
  label: string;
  loadingText: string;
  pageNumber: number;
  shown: number;
  loading: boolean;
  nextCursor: string | null | undefined;
  /** The rows on screen are the previous page's while the next one loads. */
  stale: boolean;
  onPrevious: () => void;
  onNext: (nextCursor: string) => void;
}) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {loading ? loadingText : `Page ${pageNumber}${shown ? ` · ${shown} shown` : ""}`}
      </p>
      <div className="flex gap-2">
        <Button variant="secondary" disabled={pageNumber <= 1} onClick={onPrevious}>
          <ChevronLeft className="size-4" aria-hidden /> Previous
        </Button>
        <Button variant="secondary" disabled={!nextCursor || stale} onClick={() => nextCursor && onNext(nextCursor)}>
          Next <ChevronRight className="size-4" aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
