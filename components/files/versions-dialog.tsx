"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Eye, RotateCcw, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes } from "@/lib/bytes";
import { formatDateTime } from "@/lib/client/format";
import { deleteVersion, listVersions, restoreVersion, versionDownloadHref } from "@/lib/client/versions";
import type { FileVersionJson } from "@/lib/schemas/versions";
import { keys } from "./queries";

const messageOf = (error: unknown) =>
  error instanceof Error && error.message ? error.message : "Something went wrong.";

/** A file's older versions: who uploaded each, when, its size; preview, download, restore, delete. */
export function VersionsDialog({ file, onClose }: { file: { id: string; name: string }; onClose: () => void }) {
  const client = useQueryClient();
  const queryKey = ["versions", file.id] as const;
  const versions = useQuery({ queryKey, queryFn: ({ signal }) => listVersions(file.id, signal) });
  const [deleting, setDeleting] = useState<FileVersionJson | null>(null);
  const settled = () => {
    void client.invalidateQueries({ queryKey });
    void client.invalidateQueries({ queryKey: keys.listings });
    void client.invalidateQueries({ queryKey: keys.me });
  };
  const restore = useMutation({
    mutationFn: (version: FileVersionJson) => restoreVersion(file.id, version.id),
    onSuccess: () => toast.success(`Restored the earlier version of “${file.name}”`),
    onError: (error) => toast.error("Could not restore the version", { description: messageOf(error) }),
    onSettled: settled,
  });
  const remove = useMutation({
    mutationFn: (version: FileVersionJson) => deleteVersion(file.id, version.id),
    onSuccess: () => toast.success("Version deleted"),
    onError: (error) => toast.error("Could not delete the version", { description: messageOf(error) }),
    onSettled: () => {
      setDeleting(null);
      settled();
    },
  });
  const items = versions.data?.items ?? [];

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Versions of “${file.name}”`}
      description="Earlier contents kept when the file was replaced. They count toward your storage."
      className="max-w-xl"
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      {versions.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading versions">
          {[0, 1].map((i) => (
            <div key={i} className="h-12 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800" />
          ))}
        </div>
      ) : versions.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not load the versions: {messageOf(versions.error)}
        </p>
      ) : items.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No earlier versions. Uploading a file of the same name and choosing Replace keeps the old one here.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Earlier versions">
          {items.map((version) => (
            <li key={version.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-2.5" data-testid="version">
              <div className="min-w-0 flex-1 text-sm">
                <p className="font-medium">{formatDateTime(new Date(version.createdAt))}</p>
                <p className="text-zinc-600 dark:text-zinc-400">
                  {formatBytes(version.size)} · {version.createdBy?.name || version.createdBy?.email || "Unknown"}
                </p>
              </div>
              <div className="flex gap-1">
                <a
                  className={buttonClasses("ghost", "px-2.5")}
                  href={versionDownloadHref(file.id, version.id, true)}
                  target="_blank"
                  rel="noopener"
                  aria-label={`Preview the version of ${formatDateTime(new Date(version.createdAt))}`}
                >
                  <Eye className="size-4" aria-hidden />
                </a>
                <a
                  className={buttonClasses("ghost", "px-2.5")}
                  href={versionDownloadHref(file.id, version.id)}
                  aria-label={`Download the version of ${formatDateTime(new Date(version.createdAt))}`}
                >
                  <Download className="size-4" aria-hidden />
                </a>
                <Button
                  variant="secondary"
                  loading={restore.isPending && restore.variables?.id === version.id}
                  disabled={restore.isPending}
                  onClick={() => restore.mutate(version)}
                >
                  <RotateCcw className="size-4" aria-hidden />
                  Restore
                </Button>
                <Button
                  variant="ghost"
                  className="px-2.5"
                  aria-label={`Delete the version of ${formatDateTime(new Date(version.createdAt))}`}
                  onClick={() => setDeleting(version)}
                >
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this version?"
        confirmLabel="Delete"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(null)}
      >
        Its bytes are deleted for good and no longer count toward your storage.
      </ConfirmDialog>
    </Dialog>
  );
}
