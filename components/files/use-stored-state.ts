"use client";

import { useCallback, useSyncExternalStore } from "react";

// Choices made in this tab: they still apply when localStorage refuses them (private mode, full).
const chosen = new Map<string, string>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function read(key: string): string | null {
  const value = chosen.get(key);
  if (value !== undefined) return value;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage unavailable: the default applies
  }
}

/**
 * State remembered in localStorage under `key` (e.g. list or grid). While hydrating, `initial` is
 * used, so the server's HTML and the first client render agree; the stored value follows.
 */
export function useStoredState<T extends string>(
  key: string,
  initial: T,
  allowed: readonly T[],
): [T, (value: T) => void] {
  const stored = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const value = stored !== null && allowed.includes(stored as T) ? (stored as T) : initial;
  const set = useCallback(
    (next: T) => {
      chosen.set(key, next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // not remembered, still applied
      }
      listeners.forEach((listener) => listener());
    },
    [key],
  );
  return [value, set];
}
