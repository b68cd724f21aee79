"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * State remembered in localStorage under `key` (e.g. list or grid). The first render uses
 * `initial`, so the server's HTML and the first client render agree; the stored value follows.
 */
export function useStoredState<T extends string>(
  key: string,
  initial: T,
  allowed: readonly T[],
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(key) as T | null;
      if (stored && allowed.includes(stored)) setValue(stored);
    } catch {
      // storage unavailable: keep the default
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // not remembered, still applied
      }
    },
    [key],
  );
  return [value, set];
}
