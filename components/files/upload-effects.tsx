"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useUploadEvents } from "@/components/upload/upload-provider";
import type { UploadEvent } from "@/lib/client/upload/queue-snapshot";
import { keys } from "./queries";
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
 * What a finished upload changes on every signed-in page: the listings and the usage are
 * refreshed (once per burst), and an image gets its thumbnail made and stored.
 */
export function UploadEffects() {
  const client = useQueryClient();
  const refresh = useCoalesced(() => {
    void client.invalidateQueries({ queryKey: keys.listings });
    void client.invalidateQueries({ queryKey: keys.me });
  });
  useUploadEvents(
    useCallback(
      (event: UploadEvent) => {
        if (event.type !== "completed") return;
        refresh();
        const { source, file } = event;
        if (source instanceof Blob && canThumbnail(file.type, file.size)) {
          void storeThumbnail(file.id, source).then((stored) => stored && refresh());
        }
      },
      [refresh],
    ),
  );
  return null;
}
