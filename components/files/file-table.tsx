"use client";

import { Download } from "lucide-react";
import { memo, useEffect, useState } from "react";
import { focusRing } from "@/components/ui/button";
import { formatBytes } from "@/lib/bytes";
import { downloadUrl, type ApiFile } from "@/lib/client/api";
import { formatDateTime, formatRelativeDate } from "@/lib/client/format";
import { FileIcon } from "./file-icon";

/** The current time, refreshed every minute (so "2 min ago" keeps up). */
function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const cell = "px-3 py-2.5 first:pl-4 last:pr-2 sm:first:pl-5 sm:last:pr-3";

function TableShell({ children, busy = false }: { children: React.ReactNode; busy?: boolean }) {
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full table-fixed text-sm" aria-busy={busy || undefined}>
        <caption className="sr-only">Your files, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/80 text-left text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className={cell}>
              Name
            </th>
            <th scope="col" className={`${cell} w-24 text-right sm:w-28`}>
              Size
            </th>
            <th scope="col" className={`${cell} hidden w-40 sm:table-cell`}>
              Uploaded
            </th>
            <th scope="col" className={`${cell} w-14 sm:w-36`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

const FileRow = memo(function FileRow({ file, now, highlighted }: { file: ApiFile; now: Date; highlighted: boolean }) {
  const created = new Date(file.createdAt);
  return (
    <tr
      data-testid="file-row"
      data-file-id={file.id}
      className={`transition-colors duration-1000 hover:bg-zinc-50 dark:hover:bg-zinc-800/50 ${highlighted ? "bg-indigo-50 dark:bg-indigo-950/40" : ""}`}
    >
      <td className={cell}>
        <div className="flex min-w-0 items-center gap-3">
          <FileIcon type={file.type} name={file.name} />
          <span className="truncate font-medium text-zinc-900 dark:text-zinc-100" title={file.name}>
            {file.name}
          </span>
        </div>
      </td>
      <td className={`${cell} text-right whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400`}>{formatBytes(file.size)}</td>
      <td className={`${cell} hidden whitespace-nowrap text-zinc-500 sm:table-cell dark:text-zinc-400`}>
        <time dateTime={file.createdAt} title={formatDateTime(created)}>
          {formatRelativeDate(created, now)}
        </time>
      </td>
      <td className={`${cell} text-right`}>
        <a
          href={downloadUrl(file.id)}
          download={file.name}
          className={`inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-indigo-700 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-indigo-300 ${focusRing}`}
          aria-label={`Download ${file.name}`}
        >
          <Download className="size-4" aria-hidden />
          <span className="hidden sm:inline">Download</span>
        </a>
      </td>
    </tr>
  );
});

export function FileTable({ files, highlighted }: { files: ApiFile[]; highlighted: ReadonlySet<string> }) {
  const now = useNow();
  return (
    <TableShell>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {files.map((file) => (
          <FileRow key={file.id} file={file} now={now} highlighted={highlighted.has(file.id)} />
        ))}
      </tbody>
    </TableShell>
  );
}

const SKELETON_WIDTHS = ["w-2/3", "w-1/2", "w-3/4", "w-2/5", "w-3/5", "w-1/2"];

/** Placeholder rows while the first page loads. */
export function FileTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <>
      <p role="status" className="sr-only">
        Loading files…
      </p>
      <TableShell busy>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-hidden>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i} data-testid="file-row-skeleton">
              <td className={cell}>
                <div className="flex items-center gap-3">
                  <div className="size-5 shrink-0 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
                  <div className={`h-3.5 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800 ${SKELETON_WIDTHS[i % SKELETON_WIDTHS.length]}`} />
                </div>
              </td>
              <td className={cell}>
                <div className="ml-auto h-3.5 w-12 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
              </td>
              <td className={`${cell} hidden sm:table-cell`}>
                <div className="h-3.5 w-20 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
              </td>
              <td className={cell}>
                <div className="ml-auto h-7 w-8 animate-pulse rounded-md bg-zinc-200 sm:w-24 dark:bg-zinc-800" />
              </td>
            </tr>
          ))}
        </tbody>
      </TableShell>
    </>
  );
}
