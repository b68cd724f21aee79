import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";

/** An error in place of content, with a retry. */
export function ErrorState({ title, message, onRetry }: { title: string; message?: string; onRetry: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-col items-center gap-3 rounded-lg border border-red-200 bg-red-50/60 px-6 py-10 text-center dark:border-red-900/60 dark:bg-red-950/20"
    >
      <CircleAlert className="size-7 text-red-600 dark:text-red-400" aria-hidden />
      <div>
        <p className="font-semibold text-zinc-900 dark:text-zinc-100">{title}</p>
        {message && <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{message}</p>}
      </div>
      <Button variant="secondary" onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}

/** A grey bar standing in for text while it loads. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-zinc-200 dark:bg-zinc-800 ${className}`} />;
}

/** Table rows standing in for a page while it loads: per column, its cell's classes and its bars' sizes. */
export function SkeletonRows({
  count,
  testId,
  columns,
}: {
  count: number;
  testId: string;
  columns: { cell: string; bars: string[] }[];
}) {
  return Array.from({ length: count }, (_, i) => (
    <tr key={i} aria-hidden data-testid={testId}>
      {columns.map((column, c) => (
        <td key={c} className={column.cell}>
          {column.bars.map((bar, b) => (
            <Skeleton key={b} className={bar} />
          ))}
        </td>
      ))}
    </tr>
  ));
}

export const cardClass =
  "rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900";
