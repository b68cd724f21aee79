"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { File, Folder, Pin, PinOff } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { Button, focusRing } from "@/components/ui/button";
import { setPinned, sharedWithMe, type SharedWithMeJson } from "@/lib/client/grants";

export const SHARED_WITH_ME_KEY = ["shared-with-me"] as const;

/** The items shared with the caller, pinned ones first (or only those, for the My files strip). */
export function useSharedWithMe() {
  return useQuery({ queryKey: SHARED_WITH_ME_KEY, queryFn: sharedWithMe });
}

const hrefOf = (item: SharedWithMeJson) =>
  item.folder ? `/files/${item.folder.id}` : `/api/files/${item.file!.id}/download?inline=1`;
const nameOf = (item: SharedWithMeJson) => item.folder?.name ?? item.file?.name ?? "";
const ownerOf = (item: SharedWithMeJson) => item.owner.name ?? item.owner.email;

export function SharedItemLink({ item }: { item: SharedWithMeJson }) {
  const Icon = item.folder ? Folder : File;
  const className = `flex min-w-0 items-center gap-2 rounded-md font-medium hover:underline ${focusRing}`;
  const body = (
    <>
      <Icon className="size-4 shrink-0 text-indigo-600 dark:text-indigo-400" aria-hidden />
      <span className="truncate">{nameOf(item)}</span>
    </>
  );
  // Files open in a new tab through the download route (inline only for safe types).
  return item.folder ? (
    <Link href={hrefOf(item)} className={className}>
      {body}
    </Link>
  ) : (
    <a href={hrefOf(item)} target="_blank" rel="noreferrer" className={className}>
      {body}
    </a>
  );
}

export function SharedWithMe() {
  const list = useSharedWithMe();
  const client = useQueryClient();
  if (list.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-600 dark:text-red-400">
        Could not load what is shared with you: {list.error.message}
      </p>
    );
  const items = [...list.data].sort((a, b) => Number(b.pinned) - Number(a.pinned));
  if (items.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
        Nothing is shared with you yet.
      </p>
    );
  const toggle = (item: SharedWithMeJson) =>
    setPinned(item.id, !item.pinned).then(
      () => client.invalidateQueries({ queryKey: SHARED_WITH_ME_KEY }),
      (e: unknown) =>
        toast.error("Could not change the pin", { description: e instanceof Error ? e.message : undefined }),
    );
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
          <div className="min-w-0 flex-1">
            <SharedItemLink item={item} />
            <p className="mt-0.5 text-zinc-600 dark:text-zinc-400">
              {item.role === "EDITOR" ? "Editor" : "Viewer"} · from {ownerOf(item)}
              {item.via ? ` · through ${item.via.name}` : ""}
            </p>
          </div>
          <Button
            type="button"
            variant="ghost"
            aria-pressed={item.pinned}
            aria-label={`${item.pinned ? "Unpin" : "Pin"} ${nameOf(item)}`}
            onClick={() => void toggle(item)}
          >
            {item.pinned ? <PinOff className="size-4" aria-hidden /> : <Pin className="size-4" aria-hidden />}
            {item.pinned ? "Unpin" : "Pin"}
          </Button>
        </li>
      ))}
    </ul>
  );
}
