"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { toast } from "sonner";
import {
  bulkAction,
  createFolder,
  deleteFileForever,
  deleteFolderForever,
  emptyTrash,
  restoreFile,
  restoreFolder,
  trashFile,
  trashFolder,
  updateFile,
  updateFolder,
  type BulkInput,
} from "@/lib/client/api";
import { ApiError } from "@/lib/client/http";
import { keys, patchListings, type Entry } from "./queries";

const count = (n: number, what = "item") => `${n.toLocaleString()} ${what}${n === 1 ? "" : "s"}`;
const describe = (entries: Entry[]) => (entries.length === 1 ? `“${entries[0].name}”` : count(entries.length));
const messageOf = (error: unknown) =>
  error instanceof Error && error.message ? error.message : "Something went wrong.";

/** The message of a refusal about the `name` input (API.md's `field`), else null. */
function nameRefusal(error: unknown): string | null {
  return error instanceof ApiError && error.details.field === "name" ? error.message : null;
}

/** One entry through its own endpoint, several through the bulk endpoint (one request). */
function perEntries(
  entries: Entry[],
  action: Exclude<BulkInput["action"], "move">,
  single: { file: (id: string) => Promise<unknown>; folder: (id: string) => Promise<unknown> },
) {
  if (entries.length === 1) return single[entries[0].kind](entries[0].id);
  return bulkAction({ action, ...idsOf(entries) });
}

function idsOf(entries: Entry[]) {
  return {
    fileIds: entries.filter((e) => e.kind === "file").map((e) => e.id),
    folderIds: entries.filter((e) => e.kind === "folder").map((e) => e.id),
  };
}

interface Change {
  entries: Entry[];
  run: () => Promise<unknown>;
  /** The entry as it should look at once (null: gone from the list). */
  patch: (entry: Entry) => Entry | null;
  /** Said when it fails (the list goes back to how it was). */
  failure: string;
  /** Takes a refusal the caller shows itself (beside the input it names): no toast then. */
  handled?: (error: unknown) => boolean;
  success?: () => void;
}

/**
 * Renames, moves, trash, restore and delete of files and folders. Each change shows at once in
 * every cached listing, is rolled back with a toast when the server refuses it, and refreshes
 * listings, folders, trash and usage when settled.
 */
export function useFileActions() {
  const client = useQueryClient();
  const { mutateAsync } = useMutation({
    mutationFn: (change: Change) => change.run(),
    onMutate: async (change) => {
      await Promise.all([
        client.cancelQueries({ queryKey: keys.listings }),
        client.cancelQueries({ queryKey: keys.trash }),
      ]);
      const keysChanged = new Set(change.entries.map((e) => e.key));
      return { rollback: patchListings(client, (entry) => (keysChanged.has(entry.key) ? change.patch(entry) : entry)) };
    },
    onError: (error, change, context) => {
      context?.rollback();
      if (!change.handled?.(error)) toast.error(change.failure, { description: messageOf(error) });
    },
    onSuccess: (_result, change) => change.success?.(),
    onSettled: () =>
      Promise.all(
        [keys.listings, keys.folders, keys.trash, keys.me].map((queryKey) => client.invalidateQueries({ queryKey })),
      ),
  });

  return useMemo(() => {
    const apply = (change: Change) =>
      mutateAsync(change).then(
        () => true,
        () => false,
      );

    const restore = (entries: Entry[]) =>
      apply({
        entries,
        run: () => perEntries(entries, "restore", { file: restoreFile, folder: restoreFolder }),
        patch: () => null,
        failure: `Could not restore ${describe(entries)}`,
        success: () => toast.success(`Restored ${describe(entries)}`),
      });

    return {
      /** `onNameRefused` gets a refusal about the name itself (a clash), to show beside the name. */
      rename: (entry: Entry, name: string, onNameRefused?: (message: string) => void) =>
        apply({
          handled: (error) => {
            const message = nameRefusal(error);
            if (message === null || !onNameRefused) return false;
            onNameRefused(message);
            return true;
          },
          entries: [entry],
          run: () => (entry.kind === "file" ? updateFile(entry.id, { name }) : updateFolder(entry.id, { name })),
          patch: (e) =>
            e.kind === "file"
              ? { ...e, name, file: { ...e.file, name } }
              : { ...e, name, folder: { ...e.folder, name } },
          failure: `Could not rename “${entry.name}”`,
        }),

      move: (entries: Entry[], folderId: string | null, folderName: string) =>
        apply({
          entries,
          run: () => {
            if (entries.length > 1) return bulkAction({ action: "move", ...idsOf(entries), folderId });
            const [entry] = entries;
            return entry.kind === "file"
              ? updateFile(entry.id, { folderId })
              : updateFolder(entry.id, { parentId: folderId });
          },
          patch: () => null,
          failure: `Could not move ${describe(entries)}`,
          success: () => toast.success(`Moved ${describe(entries)} to ${folderName}`),
        }),

      trash: (entries: Entry[]) =>
        apply({
          entries,
          run: () => perEntries(entries, "trash", { file: trashFile, folder: trashFolder }),
          patch: () => null,
          failure: `Could not move ${describe(entries)} to the trash`,
          success: () =>
            toast(`Moved ${describe(entries)} to the trash`, {
              action: { label: "Undo", onClick: () => void restore(entries) },
              duration: 8_000,
            }),
        }),

      restore,

      deleteForever: (entries: Entry[]) =>
        apply({
          entries,
          run: () => perEntries(entries, "delete", { file: deleteFileForever, folder: deleteFolderForever }),
          patch: () => null,
          failure: `Could not delete ${describe(entries)}`,
          success: () => toast.success(`Deleted ${describe(entries)} forever`),
        }),

      emptyTrash: (entries: Entry[]) =>
        apply({
          entries,
          run: emptyTrash,
          patch: () => null,
          failure: "Could not empty the trash",
          success: () => toast.success("Trash emptied"),
        }),

      /** The new folder, or the refusal about its name (shown beside the name), or null (toasted). */
      createFolder: async (name: string, parentId: string | null) => {
        try {
          const folder = await createFolder(name, parentId);
          await client.invalidateQueries({ queryKey: keys.listings });
          void client.invalidateQueries({ queryKey: keys.folders });
          return { folder };
        } catch (error) {
          const nameError = nameRefusal(error);
          if (nameError !== null) return { nameError };
          toast.error("Could not create the folder", { description: messageOf(error) });
          return null;
        }
      },
    };
  }, [client, mutateAsync]);
}

export type FileActions = ReturnType<typeof useFileActions>;
