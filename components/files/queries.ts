"use client";

import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import {
  getFolder,
  getFolderTree,
  getMe,
  listFiles,
  listTrash,
  type ApiFile,
  type ApiFolder,
  type FileList,
  type TrashList,
} from "@/lib/client/api";

export type SortKey = "name" | "size" | "createdAt";
export type SortOrder = "asc" | "desc";

export interface ListingParams {
  folderId: string | null;
  q: string;
  sort: SortKey;
  order: SortOrder;
}

/** A row of the browser: a folder or a file, with a key unique across both kinds. */
export type Entry =
  | { kind: "folder"; key: string; id: string; name: string; folder: ApiFolder }
  | { kind: "file"; key: string; id: string; name: string; file: ApiFile };

export const folderEntry = (folder: ApiFolder): Entry => ({
  kind: "folder",
  key: `d:${folder.id}`,
  id: folder.id,
  name: folder.name,
  folder,
});
export const fileEntry = (file: ApiFile): Entry => ({
  kind: "file",
  key: `f:${file.id}`,
  id: file.id,
  name: file.name,
  file,
});

// Query keys: everything about listings sits under "files", so one invalidation refreshes all of them.
export const keys = {
  listings: ["files"] as const,
  listing: (params: ListingParams) => ["files", "list", params] as const,
  folder: (folderId: string) => ["folders", "detail", folderId] as const,
  tree: ["folders", "tree"] as const,
  folders: ["folders"] as const,
  trash: ["trash"] as const,
  me: ["me"] as const,
};

const PAGE_SIZE = 200;

/** One folder's (or a search's) folders and files, page by page as the list scrolls. */
export function useListing(params: ListingParams) {
  return useInfiniteQuery({
    queryKey: keys.listing(params),
    queryFn: ({ pageParam, signal }) =>
      listFiles(
        {
          folderId: params.folderId,
          q: params.q || undefined,
          sort: params.sort,
          order: params.order,
          cursor: pageParam,
          limit: PAGE_SIZE,
        },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    select: listingEntries,
    // While the server is still making thumbnails of files shown here, look again every few
    // seconds (only for a listing of a few pages: a refetch reloads each loaded page).
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      const waiting = pages.some((page) => page.items.some((file) => "media" in file && file.media === "queued"));
      return waiting && pages.length <= 3 ? MEDIA_POLL_MS : false;
    },
  });
}

const MEDIA_POLL_MS = 3_000;

// Each page's entries are made once: with 100,000 files loaded, a new page must not rebuild the rest.
const pageEntries = new WeakMap<FileList | TrashList, { folders: Entry[]; files: Entry[] }>();

/** Folders first (the listing sends them before any file), then files in the listing's order. */
function listingEntries(data: InfiniteData<FileList | TrashList, string | null>): Entry[] {
  const folders: Entry[] = [];
  const files: Entry[] = [];
  const seen = new Set<string>();
  for (const page of data.pages) {
    let made = pageEntries.get(page);
    if (!made)
      pageEntries.set(page, (made = { folders: page.folders.map(folderEntry), files: page.items.map(fileEntry) }));
    folders.push(...made.folders);
    for (const entry of made.files) {
      if (seen.has(entry.key)) continue; // a file moved between pages while paging
      seen.add(entry.key);
      files.push(entry);
    }
  }
  return folders.concat(files);
}

export function useTrashListing() {
  return useInfiniteQuery({
    queryKey: keys.trash,
    queryFn: ({ pageParam, signal }) => listTrash(pageParam, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    select: listingEntries,
  });
}

/** A folder and its path from the root (for breadcrumbs); nothing for the root itself. */
export function useFolder(folderId: string | null) {
  return useQuery({
    queryKey: keys.folder(folderId ?? ""),
    queryFn: ({ signal }) => getFolder(folderId!, { signal }),
    enabled: folderId !== null,
  });
}

export function useFolderTree(enabled = true) {
  return useQuery({ queryKey: keys.tree, queryFn: ({ signal }) => getFolderTree({ signal }), enabled });
}

export function useUsage() {
  return useQuery({ queryKey: keys.me, queryFn: ({ signal }) => getMe({ signal }), select: (me) => me.usage });
}

type Listing = InfiniteData<FileList | TrashList, string | null>;

/**
 * Rewrites every cached listing (folders and trash): `change` answers the entry's new version,
 * or null to drop it. Returns what was there before, for a rollback.
 */
export function patchListings(client: QueryClient, change: (entry: Entry) => Entry | null) {
  const before = [
    ...client.getQueriesData<Listing>({ queryKey: keys.listings }),
    ...client.getQueriesData<Listing>({ queryKey: keys.trash }),
  ];
  for (const [key, data] of before) {
    if (!data) continue;
    client.setQueryData<Listing>(key, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        folders: page.folders.flatMap((folder) => {
          const next = change(folderEntry(folder));
          return next?.kind === "folder" ? [next.folder] : [];
        }),
        items: page.items.flatMap((file) => {
          const next = change(fileEntry(file));
          return next?.kind === "file" ? [next.file] : [];
        }),
      })),
    });
  }
  return () => {
    for (const [key, data] of before) client.setQueryData(key, data);
  };
}

/** The listing's file order (lib/files/list.ts: the sort key, then the id, both in `order`). */
function compareFiles(a: ApiFile, b: ApiFile, sort: SortKey, order: SortOrder): number {
  const x = a[sort];
  const y = b[sort];
  const byKey = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  return order === "asc" ? byKey : -byKey;
}

/**
 * Puts newly uploaded files into the cached listings of their folders, each where the listing's
 * order places it, instead of fetching every loaded page again. A file that sorts after the last
 * loaded page of a listing with more pages is left for that page to bring. Searches are left alone.
 */
export function insertUploaded(client: QueryClient, files: ApiFile[]): void {
  for (const [key, data] of client.getQueriesData<Listing>({ queryKey: [...keys.listings, "list"] })) {
    const params = key[2] as ListingParams | undefined;
    if (!data || !params || params.q) continue;
    const present = new Set(data.pages.flatMap((page) => page.items.map((f) => f.id)));
    const fresh = files.filter((f) => f.folderId === params.folderId && !present.has(f.id) && !f.deletedAt);
    if (fresh.length === 0) continue;
    const cmp = (a: ApiFile, b: ApiFile) => compareFiles(a, b, params.sort, params.order);
    const pages = data.pages.map((page) => ({ ...page, items: [...page.items] }));
    for (const file of fresh.sort(cmp)) {
      const last = pages.length - 1;
      const at = pages.findIndex((page, i) => {
        if (i === last && page.nextCursor === null) return true;
        const tail = page.items.at(-1);
        return tail !== undefined && cmp(file, tail) < 0;
      });
      if (at < 0) continue;
      const items = pages[at]!.items;
      const position = items.findIndex((other) => cmp(file, other) < 0);
      items.splice(position < 0 ? items.length : position, 0, file);
    }
    client.setQueryData<Listing>(key, { ...data, pages });
  }
}
