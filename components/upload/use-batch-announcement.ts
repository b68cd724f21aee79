"use client";

import { useEffect, useRef, useState } from "react";
import type { UploadTotals } from "@/lib/client/upload/queue-snapshot";
import { plural } from "./upload-panel-text";

/** One announcement when a batch starts and one when it ends (progress ticks would drown a screen reader). */
export function useBatchAnnouncement(totals: UploadTotals): string {
  const [text, setText] = useState("");
  const wasActive = useRef(false);
  const active = totals.active > 0;
  useEffect(() => {
    if (active && !wasActive.current) setText(`Uploading ${plural(totals.active, "file")}.`);
    if (!active && wasActive.current) {
      setText(
        totals.failed > 0
          ? `Uploads finished: ${totals.completed.toLocaleString()} uploaded, ${totals.failed.toLocaleString()} failed.`
          : `Uploads finished: ${plural(totals.completed, "file")} uploaded.`,
      );
    }
    wasActive.current = active;
  }, [active, totals.active, totals.completed, totals.failed]);
  return text;
}
