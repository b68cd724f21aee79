"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useUploadEvents } from "@/components/upload/upload-provider";
import type { UploadEvent } from "@/lib/client/upload/queue-snapshot";
import type { ApiFile } from "@/lib/client/api";
import { coalesce, type Coalesced } from "@/lib/client/coalesce";
import { insertUploaded, keys } from "./queries";
import { canThumbnail, storeThumbnail } from "./thumbnails";

/** `coalesce(fn)` for a component: one instance for its lifetime, always calling the latest `fn`. */
function useCoalesced(fn: () => void): () => void {
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  const coalesced = useRef<Coalesced | null>(null);
  useEffect(() => {
    const call = coalesce(() => fnRef.current());
    coalesced.current = call;
    return () => call.cancel();
  }, []);
  return useCallback(() => coalesced.current?.(), []);
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
