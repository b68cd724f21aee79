"use client";

import { CircleAlert, CloudUpload } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { UploadButton, UploadDropzone, useUploadEvents, useUploadState } from "@/components/upload";
import type { UploadEvent } from "@/lib/client/upload";
import type { ApiFile } from "@/lib/client/api";
import { FileTable, FileTableSkeleton } from "./file-table";
import { UsageMeter } from "./usage-meter";
import { useFileList } from "./use-file-list";
import { useUsage } from "./use-usage";

/**
 * Calls `fn` once after a burst of calls settles (`wait` ms of quiet), but at least every
 * `maxWait` ms while the burst goes on — e.g. one refresh for a hundred finished uploads.
 */
function useCoalesced(fn: () => void, wait = 400, maxWait = 3_000): () => void {
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const first = useRef<number | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    const now = Date.now();
    first.current ??= now;
    if (timer.current) clearTimeout(timer.current);
    const delay = Math.max(0, Math.min(wait, first.current + maxWait - now));
    timer.current = setTimeout(() => {
      timer.current = null;
      first.current = null;
      fnRef.current();
    }, delay);
  }, [wait, maxWait]);
}

/** The "My files" page: the root folder's files, usage, and uploads by button or drag and drop. */
export function FilesView() {
  const list = useFileList();
  const { usage, failed: usageFailed, refresh: refreshUsage } = useUsage();
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(() => new Set());
  const { addFile, refresh: refreshList } = list;

  const refreshAll = useCoalesced(() => {
    void refreshList();
    void refreshUsage();
  });

  const onFileUploaded = useCallback(
    (file: ApiFile) => {
      if (file.folderId === null) {
        addFile(file);
        setHighlighted((ids) => new Set(ids).add(file.id));
        setTimeout(
          () =>
            setHighlighted((ids) => {
              const next = new Set(ids);
              next.delete(file.id);
              return next;
            }),
          2_500,
        );
      }
      refreshAll();
    },
    [addFile, refreshAll],
  );
  useUploadEvents(
    useCallback((event: UploadEvent) => {
      if (event.type === "completed") onFileUploaded(event.file);
    }, [onFileUploaded]),
  );

  return (
    <UploadDropzone className="flex min-h-[calc(100dvh-8rem)] flex-col gap-6">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <h1 className="flex-1 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">My files</h1>
          {!usageFailed && <UsageMeter usage={usage} className="order-last w-full sm:order-none sm:w-60" />}
          <UploadButton />
        </div>
        <FilesContent list={list} highlighted={highlighted} />
    </UploadDropzone>
  );
}

function FilesContent({ list, highlighted }: { list: ReturnType<typeof useFileList>; highlighted: ReadonlySet<string> }) {
  // Room below the list so the upload panel does not cover "Load more".
  const panelShown = useUploadState((s) => s.items.length > 0);
  const padding = panelShown ? "pb-28 sm:pb-0" : "";

  if (list.status === "loading") return <FileTableSkeleton />;
  if (list.status === "error") {
    return (
      <div role="alert" className="flex flex-col items-center gap-3 rounded-lg border border-red-200 bg-red-50/60 px-6 py-14 text-center dark:border-red-900/60 dark:bg-red-950/20">
        <CircleAlert className="size-8 text-red-600 dark:text-red-400" aria-hidden />
        <div>
          <p className="font-semibold text-zinc-900 dark:text-zinc-100">Couldn&apos;t load your files</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{list.error}</p>
        </div>
        <Button variant="secondary" onClick={() => void list.reload()}>
          Retry
        </Button>
      </div>
    );
  }
  if (list.items.length === 0) {
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-4 rounded-xl border-2 border-dashed border-zinc-200 px-6 py-16 text-center dark:border-zinc-800" data-testid="files-empty">
        <span className="flex size-14 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-950/60 dark:text-indigo-400">
          <CloudUpload className="size-7" aria-hidden />
        </span>
        <div>
          <p className="text-base font-semibold text-zinc-900 dark:text-zinc-100">No files yet</p>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Drop files here or use Upload</p>
        </div>
        <UploadButton variant="secondary">Choose files</UploadButton>
      </div>
    );
  }
  return (
    <div className={`flex flex-col gap-4 ${padding}`}>
      <FileTable files={list.items} highlighted={highlighted} />
      {list.nextCursor && (
        <div className="flex flex-col items-center gap-2">
          <Button variant="secondary" onClick={() => void list.loadMore()} loading={list.loadingMore}>
            {list.loadingMore ? "Loading…" : "Load more"}
          </Button>
          {list.loadMoreError && (
            <p role="alert" className="text-sm text-red-600 dark:text-red-400">
              {list.loadMoreError}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
