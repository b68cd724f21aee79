"use client";

import { useCallback, useLayoutEffect, useState, type RefObject } from "react";

export interface WindowRows {
  /** First and one-past-last row to render. */
  start: number;
  end: number;
  /** Height of all rows together (the list's height). */
  totalHeight: number;
  /** Scrolls the page just enough to show row `index` below the sticky headers. */
  scrollToIndex: (index: number) => void;
}

/**
 * Windowing for a list of equal-height rows that scrolls with the page: only the rows in (or
 * near) the viewport are rendered, so 100,000 rows cost as much as 40. Rows all have one height,
 * which makes the arithmetic exact (no measuring) and keeps this small: the files page's
 * JavaScript has a size budget that a general virtualizer would eat a tenth of.
 */
export function useWindowRows(
  bodyRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
  stickyTop: number,
): WindowRows {
  const [range, setRange] = useState({ start: 0, end: Math.min(count, 30) });

  const measure = useCallback(() => {
    const element = bodyRef.current;
    if (!element) return;
    const top = element.getBoundingClientRect().top;
    const first = Math.floor(-top / rowHeight);
    const last = Math.ceil((window.innerHeight - top) / rowHeight);
    const start = Math.max(0, Math.min(count, first - overscan));
    const end = Math.max(start, Math.min(count, last + overscan));
    setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
  }, [bodyRef, count, rowHeight, overscan]);

  useLayoutEffect(() => {
    measure();
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    window.addEventListener("scroll", onChange, { passive: true });
    window.addEventListener("resize", onChange);
    const observer = new ResizeObserver(onChange);
    if (bodyRef.current) observer.observe(bodyRef.current);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onChange);
      window.removeEventListener("resize", onChange);
      observer.disconnect();
    };
  }, [measure, bodyRef]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const element = bodyRef.current;
      if (!element) return;
      const rowTop = element.getBoundingClientRect().top + index * rowHeight;
      if (rowTop < stickyTop) window.scrollBy({ top: rowTop - stickyTop });
      else if (rowTop + rowHeight > window.innerHeight)
        window.scrollBy({ top: rowTop + rowHeight - window.innerHeight + 8 });
    },
    [bodyRef, rowHeight, stickyTop],
  );

  // Rows may have gone since the last measurement (a trashed file): never past the end.
  const end = Math.min(range.end, count);
  return { start: Math.min(range.start, end), end, totalHeight: count * rowHeight, scrollToIndex };
}
