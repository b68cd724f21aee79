"use client";

import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import { toast } from "sonner";
import type { ApiFile } from "@/lib/client/api";
import { getUploadQueue } from "@/lib/client/upload/browser";
import type { UploadQueue } from "@/lib/client/upload/queue";
import {
  EMPTY_SNAPSHOT,
  type UploadEvent,
  type UploadItem,
  type UploadSnapshot,
} from "@/lib/client/upload/queue-snapshot";

const QueueContext = createContext<UploadQueue | null>(null);

export interface UploadProviderProps {
  children: ReactNode;
  /** Called for every file whose upload completed (the file is stored and listed by the API). */
  onFileUploaded?: (file: ApiFile, item: UploadItem) => void;
  /** A queue of your own (tests); by default the page's shared queue, which outlives this component. */
  queue?: UploadQueue;
}

/**
 * Gives its children the upload queue (`useUploads()`). Uploads keep going when it unmounts
 * (e.g. navigating to another page); mounting it again shows them. Nested providers share
 * the outer one's queue.
 */
export function UploadProvider({ children, onFileUploaded, queue: given }: UploadProviderProps) {
  const parent = useContext(QueueContext);
  const [queue] = useState(() => given ?? parent ?? getUploadQueue());

  const onFileUploadedRef = useRef(onFileUploaded);
  useEffect(() => {
    onFileUploadedRef.current = onFileUploaded;
  });
  useEffect(
    () =>
      queue.onEvent((event) => {
        if (event.type === "completed") onFileUploadedRef.current?.(event.file, event.item);
      }),
    [queue],
  );

  // Page-wide concerns belong to the outermost provider only.
  const outermost = parent === null || parent !== queue;
  useEffect(() => (outermost ? queue.onEvent(notifyFailure) : undefined), [queue, outermost]);
  useEffect(() => {
    if (!outermost) return;
    // Closing or reloading the tab would cut uploads off: ask first.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (queue.getSnapshot().totals.active > 0) {
        event.preventDefault();
        event.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [queue, outermost]);

  return <QueueContext.Provider value={queue}>{children}</QueueContext.Provider>;
}

/** Problems that concern more than one row get a toast (once, however many files hit them). */
function notifyFailure(event: UploadEvent) {
  if (event.type !== "failed") return;
  if (event.error.code === "quota_exceeded") {
    toast.error(event.error.message, {
      id: "upload-quota",
      description: "Free up space, or ask an administrator for a larger quota.",
    });
  } else if (event.error.code === "unauthenticated") {
    toast.error(event.error.message, { id: "upload-auth" });
  }
}

/** The queue of the nearest UploadProvider (or the page's shared queue outside any). */
export function useUploadQueue(): UploadQueue {
  const queue = useContext(QueueContext);
  const [fallback] = useState(() => (queue ? null : getUploadQueue()));
  return queue ?? fallback!;
}

export interface UploadActions {
  /** Queues files for upload into `folderId` (the root when absent). Returns the new items' ids. */
  enqueue(files: Iterable<File> | ArrayLike<File>, folderId?: string | null, options?: { replace?: boolean }): string[];
  cancel(id: string): void;
  cancelAll(): void;
  retry(id: string): void;
  retryFailed(): void;
  /** Removes completed and cancelled items (and failed ones with `includeFailed`). */
  clearFinished(options?: { includeFailed?: boolean }): void;
}

/** The actions alone: stable, and no re-render on progress. */
export function useUploadActions(): UploadActions {
  const queue = useUploadQueue();
  return useMemo(
    () => ({
      enqueue: (files, folderId, options) => queue.enqueue(files, folderId, options),
      cancel: (id) => queue.cancel(id),
      cancelAll: () => queue.cancelAll(),
      retry: (id) => queue.retry(id),
      retryFailed: () => queue.retryFailed(),
      clearFinished: (options) => queue.clearFinished(options),
    }),
    [queue],
  );
}

/** The uploads (items and totals, refreshed at most ~10 times a second) and the actions on them. */
export function useUploads(): UploadSnapshot & UploadActions {
  const queue = useUploadQueue();
  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot, () => EMPTY_SNAPSHOT);
  const actions = useUploadActions();
  return useMemo(() => ({ ...snapshot, ...actions }), [snapshot, actions]);
}

/**
 * A value derived from the uploads, re-rendering only when it changes (compared with
 * Object.is): e.g. `useUploadState((s) => s.totals.active > 0)`.
 */
export function useUploadState<T>(select: (snapshot: UploadSnapshot) => T): T {
  const queue = useUploadQueue();
  return useSyncExternalStore(
    queue.subscribe,
    () => select(queue.getSnapshot()),
    () => select(EMPTY_SNAPSHOT),
  );
}

/** Subscribes to upload events (completed, failed, cancelled, idle) for as long as the component is mounted. */
export function useUploadEvents(listener: (event: UploadEvent) => void): void {
  const queue = useUploadQueue();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => queue.onEvent((event) => ref.current(event)), [queue]);
}
