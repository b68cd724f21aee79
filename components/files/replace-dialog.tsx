"use client";

import { useCallback, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { nameClashes } from "@/lib/client/versions";
import { folderSegments, uploadTree } from "./folder-upload";

type Enqueue = (files: File[], folderId: string | null, options?: { replace?: boolean }) => void;

interface Pending {
  files: File[];
  folderId: string | null;
  clashing: Set<string>;
}

/**
 * Dropped or picked files go through here: when some have the name of a file already in the folder,
 * the user is asked "Replace or keep both?" first. Replace keeps the old bytes as a version; keep
 * both gives the new file a free name (" (1)"). Dropped folders are merged as before, without asking.
 */
export function useReplaceOrKeep(
  folderId: string | null,
  enqueue: Enqueue,
): {
  onFiles: (files: File[]) => void;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);

  const onFiles = useCallback(
    (dropped: File[]) => {
      const failed = (what: string) => (error: unknown) =>
        toast.error(what, { description: error instanceof Error ? error.message : undefined });
      const flat = dropped.filter((f) => folderSegments(f).length === 0);
      const nested = dropped.filter((f) => folderSegments(f).length > 0);
      if (nested.length)
        void uploadTree(nested, folderId, enqueue).catch(failed("Could not create the dropped folders"));
      if (!flat.length) return;
      void nameClashes(folderId, [...new Set(flat.map((f) => f.name))].slice(0, 500))
        .then((names) => {
          if (names.length === 0) return enqueue(flat, folderId);
          setPending({ files: flat, folderId, clashing: new Set(names) });
        })
        // Not asked (offline, an old server): keep both, as uploads always did.
        .catch(() => enqueue(flat, folderId));
    },
    [folderId, enqueue],
  );

  const finish = (choice: "replace" | "keep" | "cancel") => {
    if (!pending) return;
    const { files, clashing } = pending;
    const fresh = files.filter((f) => !clashing.has(f.name));
    const clashes = files.filter((f) => clashing.has(f.name));
    setPending(null);
    if (fresh.length) enqueue(fresh, pending.folderId);
    if (choice === "cancel" || !clashes.length) return;
    enqueue(clashes, pending.folderId, { replace: choice === "replace" });
  };

  const names = pending ? [...pending.clashing] : [];
  const dialog = (
    <Dialog
      open={pending !== null}
      onClose={() => finish("cancel")}
      title={names.length === 1 ? `“${names[0]}” already exists` : `${names.length} files already exist`}
      description="Replace or keep both? Replacing keeps the current file as an earlier version."
      footer={
        <>
          <Button variant="ghost" onClick={() => finish("cancel")}>
            Skip
          </Button>
          <Button variant="secondary" onClick={() => finish("keep")}>
            Keep both
          </Button>
          <Button autoFocus onClick={() => finish("replace")}>
            Replace
          </Button>
        </>
      }
    >
      {names.length > 1 && (
        <ul className="max-h-40 list-disc overflow-auto pl-5 text-sm text-zinc-700 dark:text-zinc-300">
          {names.map((name) => (
            <li key={name} className="truncate">
              {name}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
  return { onFiles, dialog };
}
