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
  // After hydration only: the server has no localStorage. Read once: what this page starts and
  // cuts off itself is shown by its own rows.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- one read after mount
  useEffect(() => setSaved(browserResumeStore.paused()), []);
  // Called on every upload event (ten thousand in a big drop): only the paused ones are looked at
  // again (continued elsewhere in the page, finished or discarded), and nothing parsed.
  const recheck = useCallback(
    () =>
      setSaved((current) => {
        if (current.length === 0) return current;
        const next = current.filter((upload) => browserResumeStore.stillPaused(upload.key));
        return sameList(current, next) ? current : next;
      }),
    [],
  );
  useUploadEvents(recheck);

  const discard = useCallback(
    (upload: PausedUpload) => {
      browserResumeStore.remove(upload.key);
      recheck();
      // Gives the reserved space back now instead of when the upload expires.
      void createHttpUploadApi()
        .abort(upload.uploadId)
        .catch(() => undefined);
    },
    [recheck],
  );

  return { paused: saved.filter((upload) => !items.some((item) => sameFile(upload, item))), discard };
}
