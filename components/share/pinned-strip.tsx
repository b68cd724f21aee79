"use client";

import { Pin } from "lucide-react";
import { SharedItemLink, useSharedWithMe } from "./shared-with-me";

/** At the top of My files: the shared items the user pinned (nothing when there are none). */
export function PinnedStrip() {
  const list = useSharedWithMe();
  const pinned = (list.data ?? []).filter((item) => item.pinned);
  if (pinned.length === 0) return null;
  return (
    <nav aria-label="Pinned shared items" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <span className="flex items-center gap-1 text-zinc-600 dark:text-zinc-400">
        <Pin className="size-4" aria-hidden /> Pinned
      </span>
      {pinned.map((item) => (
        <SharedItemLink key={item.id} item={item} />
      ))}
    </nav>
  );
}

/** Above a folder someone else owns: whose it is not, but what the caller may do in it. */
export function SharedNote({ access }: { access: "owner" | "EDITOR" | "VIEWER" | null | undefined }) {
  if (!access || access === "owner") return null;
  return (
    <p
      className="rounded-lg bg-indigo-50 px-3 py-2 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
      data-testid="shared-note"
    >
      Shared with you as{" "}
      {access === "EDITOR" ? "Editor: you can add, rename, move and trash here" : "Viewer: you can browse and download"}
      .
    </p>
  );
}
