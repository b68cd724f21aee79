"use client";

import { useCallback, useEffect, useState } from "react";
import { createHttpUploadApi } from "@/lib/client/upload/api";
import { browserResumeStore } from "@/lib/client/upload/browser";
import type { UploadItem } from "@/lib/client/upload/queue-snapshot";
import type { PausedUpload } from "@/lib/client/upload/resume";
import { useUploadEvents } from "./upload-provider";

const sameFile = (paused: PausedUpload, item: UploadItem) =>
  paused.name === item.name && paused.size === item.size && paused.folderId === item.folderId;

const sameList = (a: PausedUpload[], b: PausedUpload[]) =>
  a.length === b.length && a.every((upload, i) => upload.key === b[i]!.key && upload.bytesStored === b[i]!.bytesStored);

/**
 * Uploads cut off before this page loaded (a reload, a crash), read from the saved resume
 * sessions: shown as paused until the same file is dropped again (the queue then continues
 * it, and its own row takes over) or the person discards it.
 */
export function usePausedUploads(items: readonly UploadItem[]): {
  paused: PausedUpload[];
  discard: (upload: PausedUpload) => void;
} {
  const [saved, setSaved] = useState<PausedUpload[]>([]);
  // Called on every upload event (a thousand in a big batch): re-render only when the list changed.
  const reload = useCallback(
    () =>
      setSaved((current) => {
        const next = browserResumeStore.paused();
        return sameList(current, next) ? current : next;
      }),
    [],
  );
  // After hydration only: the server has no localStorage. The sessions are re-read on upload
  // events, not on every render (a useSyncExternalStore snapshot would parse them each time).
  // eslint-disable-next-line react-hooks/set-state-in-effect -- one read after mount, skipped when unchanged
  useEffect(reload, [reload]);
  // A continued upload that completes (or is cancelled) removes its session.
  useUploadEvents(reload);

  const discard = useCallback(
    (upload: PausedUpload) => {
      browserResumeStore.remove(upload.key);
      reload();
      // Gives the reserved space back now instead of when the upload expires.
      void createHttpUploadApi()
        .abort(upload.uploadId)
        .catch(() => undefined);
    },
    [reload],
  );

  return { paused: saved.filter((upload) => !items.some((item) => sameFile(upload, item))), discard };
}
