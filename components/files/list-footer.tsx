"use client";

import { ArrowUp } from "lucide-react";
import { focusRing } from "@/components/ui/button";

/**
 * Below the list: how many entries it holds, and the next tab stop after it. The list is one tab
 * stop, so without a control after it Tab would leave the page (focus on <body>); "Back to top"
 * takes the focus to the page's heading, from where the toolbar is one Tab away.
 */
export function ListFooter({ count, hasMore }: { count: number; hasMore: boolean }) {
  const toTop = () => {
    const heading = document.querySelector<HTMLElement>("#main h1");
    window.scrollTo({ top: 0 });
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  };
  return (
    <div className="flex items-center justify-between gap-3 px-1 text-xs text-zinc-600 dark:text-zinc-400">
      <span data-testid="list-count">
        {count.toLocaleString("en-US")} item{count === 1 ? "" : "s"}
        {hasMore ? " so far" : ""}
      </span>
      <button
        type="button"
        onClick={toTop}
        className={`inline-flex items-center gap-1 rounded px-1 hover:text-zinc-900 dark:hover:text-zinc-100 ${focusRing}`}
      >
        <ArrowUp className="size-3.5" aria-hidden /> Back to top
      </button>
    </div>
  );
}
