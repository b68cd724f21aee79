"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useUploadEvents } from "@/components/upload/upload-provider";
import type { UploadEvent } from "@/lib/client/upload/queue-snapshot";
import type { ApiFile } from "@/lib/client/api";
import { insertUploaded, keys } from "./queries";
import { canThumbnail, storeThumbnail } from "./thumbnails";

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
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
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

/**
 * What a finished upload changes on every signed-in page: the new files go into the cached listings
 * of their folders (a burst of them at once, no listing fetched again), the usage is refreshed, and
 * an image gets its thumbnail made and stored. When the queue goes idle the listings are fetched
 * once, for what the uploads changed besides the files (folders a drop created, their sizes).
 */
export function UploadEffects() {
  const client = useQueryClient();
  const arrived = useRef<ApiFile[]>([]);
  const refresh = useCoalesced(() => {
    insertUploaded(client, arrived.current.splice(0));
    void client.invalidateQueries({ queryKey: keys.me });
  });
  const refetchListings = useCoalesced(() => void client.invalidateQueries({ queryKey: keys.listings }));
  useUploadEvents(
    useCallback(
      (event: UploadEvent) => {
        if (event.type === "idle") {
          void client.invalidateQueries({ queryKey: keys.listings });
          return;
        }
        if (event.type !== "completed") return;
        arrived.current.push(event.file);
        refresh();
        const { source, file } = event;
        if (source instanceof Blob && canThumbnail(file.type, file.size)) {
          void storeThumbnail(file.id, source).then((stored) => stored && refetchListings());
        }
      },
      [refresh, refetchListings, client],
    ),
  );
  return null;
}
