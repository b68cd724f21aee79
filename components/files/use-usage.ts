"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { getMe, type Usage } from "@/lib/client/api";
import { isAbortError } from "@/lib/client/http";

/** The user's storage usage from GET /api/me; null until known. `failed` when it could not be loaded. */
export function useUsage() {
  const [usage, setUsage] = useState<Usage | null>(null);
  const [failed, setFailed] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    try {
      const me = await getMe({ signal: abort.signal });
      setUsage(me.usage);
      setFailed(false);
    } catch (error) {
      if (isAbortError(error)) return;
      setFailed(true);
      console.warn("Could not load storage usage", error);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return () => controller.current?.abort();
  }, [refresh]);

  return { usage, failed, refresh };
}
