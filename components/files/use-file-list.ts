"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { listFiles, type ApiFile } from "@/lib/client/api";
import { isAbortError } from "@/lib/client/http";

export interface FileListState {
  status: "loading" | "ready" | "error";
  items: ApiFile[];
  nextCursor: string | null;
  error: string | null;
  loadingMore: boolean;
  loadMoreError: string | null;
}

const INITIAL: FileListState = { status: "loading", items: [], nextCursor: null, error: null, loadingMore: false, loadMoreError: null };
const MAX_LIMIT = 500; // the API's maximum page size

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Something went wrong.";
}

function mergeById(first: ApiFile[], second: ApiFile[]): ApiFile[] {
  const seen = new Set(first.map((f) => f.id));
  return [...first, ...second.filter((f) => !seen.has(f.id))];
}

/**
 * The root folder's files, newest first, page by page. `refresh()` reloads quietly (no
 * skeleton) as many files as are shown, so "Load more" pages are not lost.
 */
export function useFileList(pageSize = 50) {
  const [state, setState] = useState<FileListState>(INITIAL);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  // Each (re)load bumps the generation; answers of older generations are dropped.
  const generation = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    async (quiet: boolean) => {
      const gen = ++generation.current;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const current = stateRef.current;
      const keep = quiet && current.status === "ready";
      if (!keep) setState((s) => ({ ...s, status: "loading", error: null }));
      const limit = keep ? Math.min(MAX_LIMIT, Math.max(pageSize, current.items.length)) : pageSize;
      try {
        const page = await listFiles({ sort: "createdAt", order: "desc", limit }, { signal: abort.signal });
        if (gen !== generation.current) return;
        setState({ status: "ready", items: page.items, nextCursor: page.nextCursor, error: null, loadingMore: false, loadMoreError: null });
      } catch (error) {
        if (isAbortError(error) || gen !== generation.current) return;
        // A failed quiet refresh keeps what is shown; a failed load shows the error.
        if (!keep) setState({ ...INITIAL, status: "error", error: messageOf(error) });
      }
    },
    [pageSize],
  );

  const loadMore = useCallback(async () => {
    const { nextCursor, loadingMore, status } = stateRef.current;
    if (!nextCursor || loadingMore || status !== "ready") return;
    const gen = generation.current;
    setState((s) => ({ ...s, loadingMore: true, loadMoreError: null }));
    try {
      const page = await listFiles({ sort: "createdAt", order: "desc", limit: pageSize, cursor: nextCursor });
      if (gen !== generation.current) return;
      setState((s) => ({ ...s, items: mergeById(s.items, page.items), nextCursor: page.nextCursor, loadingMore: false }));
    } catch (error) {
      if (gen !== generation.current) return;
      setState((s) => ({ ...s, loadingMore: false, loadMoreError: messageOf(error) }));
    }
  }, [pageSize]);

  /** Shows a file at once (e.g. one just uploaded), ahead of the next refresh. */
  const addFile = useCallback((file: ApiFile) => {
    setState((s) => (s.status !== "ready" || s.items.some((f) => f.id === file.id) ? s : { ...s, items: [file, ...s.items] }));
  }, []);

  useEffect(() => {
    void load(false);
    return () => controller.current?.abort();
  }, [load]);

  const reload = useCallback(() => load(false), [load]);
  const refresh = useCallback(() => load(true), [load]);
  return { ...state, reload, refresh, loadMore, addFile };
}
