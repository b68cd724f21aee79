"use client";

import { CircleAlert, CircleCheck, Info, X } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { focusRing } from "@/components/ui/button";

// A tiny toast system: `toast.success("Saved")` from anywhere, `<Toaster />` mounted once.

export type ToastKind = "success" | "error" | "info";

export interface ToastOptions {
  /** Reusing an id replaces that toast instead of stacking a copy (e.g. one "quota" toast for 50 files). */
  id?: string;
  /** Milliseconds before it goes away on its own (default 5 s, errors 8 s; Infinity: never). */
  duration?: number;
  /** A second, smaller line. */
  description?: string;
}

interface ToastRecord {
  id: string;
  kind: ToastKind;
  message: string;
  description?: string;
  duration: number;
  /** Bumped when the toast is replaced, so its timer restarts. */
  version: number;
  leaving: boolean;
}

const MAX_TOASTS = 5;
const LEAVE_MS = 150;

let toasts: ToastRecord[] = [];
const listeners = new Set<() => void>();
let counter = 0;

function emit(next: ToastRecord[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function show(kind: ToastKind, message: string, options: ToastOptions = {}): string {
  const id = options.id ?? `toast-${++counter}`;
  const duration = options.duration ?? (kind === "error" ? 8_000 : 5_000);
  const existing = toasts.find((t) => t.id === id);
  const record: ToastRecord = {
    id,
    kind,
    message,
    description: options.description,
    duration,
    version: (existing?.version ?? 0) + 1,
    leaving: false,
  };
  const next = existing ? toasts.map((t) => (t.id === id ? record : t)) : [...toasts, record];
  emit(next.slice(-MAX_TOASTS));
  return id;
}

function dismiss(id?: string) {
  const leaving = toasts.filter((t) => (id === undefined || t.id === id) && !t.leaving);
  if (leaving.length === 0) return;
  emit(toasts.map((t) => (leaving.includes(t) ? { ...t, leaving: true } : t)));
  setTimeout(() => emit(toasts.filter((t) => !leaving.some((l) => l.id === t.id && t.leaving))), LEAVE_MS);
}

export const toast = {
  success: (message: string, options?: ToastOptions) => show("success", message, options),
  error: (message: string, options?: ToastOptions) => show("error", message, options),
  info: (message: string, options?: ToastOptions) => show("info", message, options),
  /** Dismisses one toast, or all of them without an id. */
  dismiss,
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const getSnapshot = () => toasts;
const getServerSnapshot = (): ToastRecord[] => [];

const ICONS = {
  success: <CircleCheck className="size-5 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />,
  error: <CircleAlert className="size-5 shrink-0 text-red-600 dark:text-red-400" aria-hidden />,
  info: <Info className="size-5 shrink-0 text-indigo-600 dark:text-indigo-400" aria-hidden />,
};

function ToastItem({ record }: { record: ToastRecord }) {
  const [entered, setEntered] = useState(false);
  const [paused, setPaused] = useState(false);
  const remaining = useRef(record.duration);

  useEffect(() => {
    const frame = requestAnimationFrame(() => setEntered(true));
    return () => cancelAnimationFrame(frame);
  }, []);

  // A replaced toast gets its full time again.
  useEffect(() => {
    remaining.current = record.duration;
  }, [record.version, record.duration]);

  // Counts down while the pointer or focus is elsewhere; hovering or focusing pauses it.
  useEffect(() => {
    if (paused || record.leaving || !Number.isFinite(remaining.current)) return;
    const started = Date.now();
    const timer = setTimeout(() => dismiss(record.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [paused, record.id, record.leaving, record.version]);

  const visible = entered && !record.leaving;
  return (
    <div
      className={`pointer-events-auto flex w-full items-start gap-3 rounded-lg border border-zinc-200 bg-white p-3 pr-2 text-sm shadow-lg shadow-zinc-900/5 transition duration-150 ease-out motion-reduce:transition-none dark:border-zinc-800 dark:bg-zinc-900 dark:shadow-black/40 ${
        visible ? "translate-y-0 opacity-100" : "-translate-y-2 opacity-0"
      }`}
      data-testid="toast"
      data-kind={record.kind}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      {ICONS[record.kind]}
      {/* The live region exists (empty) for a frame before its text: screen readers announce
          text added to a region, not regions that arrive with their text. */}
      <div role="status" aria-atomic="true" className="min-w-0 flex-1 pt-0.5">
        {(entered || record.leaving) && (
          <>
            <p className="font-medium break-words text-zinc-900 dark:text-zinc-100">
              <span className="sr-only">{record.kind === "error" ? "Error: " : record.kind === "success" ? "Success: " : ""}</span>
              {record.message}
            </p>
            {record.description && <p className="mt-0.5 break-words text-zinc-600 dark:text-zinc-400">{record.description}</p>}
          </>
        )}
      </div>
      <button
        type="button"
        onClick={() => dismiss(record.id)}
        className={`-my-0.5 shrink-0 rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${focusRing}`}
        aria-label="Dismiss notification"
      >
        <X className="size-4" aria-hidden />
      </button>
    </div>
  );
}

/**
 * Where toasts appear: top right, below a 3.5 rem header (full width on phones). Mount once,
 * e.g. in the root layout. Each toast is a polite live region (role="status").
 */
export function Toaster() {
  const items = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  return (
    <section
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-0 top-0 z-50 flex justify-center px-3 pt-16 sm:inset-x-auto sm:right-0 sm:justify-end sm:px-4"
    >
      <div className="flex w-full max-w-sm flex-col gap-2">
        {items.map((record) => (
          <ToastItem key={record.id} record={record} />
        ))}
      </div>
    </section>
  );
}
