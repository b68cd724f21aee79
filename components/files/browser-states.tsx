import { CircleAlert, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

const SKELETON_WIDTHS = ["w-2/3", "w-1/2", "w-3/4", "w-2/5", "w-3/5", "w-1/2", "w-1/3", "w-2/3"];

/** Placeholder rows while the first page loads. */
export function BrowserSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" aria-busy>
      <p role="status" className="sr-only">
        Loading files…
      </p>
      <div aria-hidden>
        {Array.from({ length: rows }, (_, i) => (
          <div
            key={i}
            data-testid="file-row-skeleton"
            className="flex h-[52px] items-center gap-3 border-b border-zinc-100 px-4 last:border-0 dark:border-zinc-800"
          >
            <div className="size-5 shrink-0 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <div
              className={`h-3.5 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800 ${SKELETON_WIDTHS[i % SKELETON_WIDTHS.length]}`}
            />
            <div className="ml-auto h-3.5 w-12 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          </div>
        ))}
      </div>
    </div>
  );
}

export function BrowserError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-col items-center gap-3 rounded-lg border border-red-200 bg-red-50/60 px-6 py-14 text-center dark:border-red-900/60 dark:bg-red-950/20"
    >
      <CircleAlert className="size-8 text-red-600 dark:text-red-400" aria-hidden />
      <div>
        <p className="font-semibold text-zinc-900 dark:text-zinc-100">Couldn&apos;t load your files</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{message}</p>
      </div>
      <Button variant="secondary" onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}

export function BrowserEmpty({
  icon: Icon,
  title,
  hint,
  children,
  testId,
}: {
  icon: LucideIcon;
  title: string;
  hint: string;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <div
      className="flex flex-1 flex-col items-center justify-center gap-4 rounded-xl border-2 border-dashed border-zinc-200 px-6 py-16 text-center dark:border-zinc-800"
      data-testid={testId}
    >
      <span className="flex size-14 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-950/60 dark:text-indigo-400">
        <Icon className="size-7" aria-hidden />
      </span>
      <div>
        <p className="text-base font-semibold text-zinc-900 dark:text-zinc-100">{title}</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{hint}</p>
      </div>
      {children}
    </div>
  );
}
