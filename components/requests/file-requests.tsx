"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Copy, Inbox, Lock, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { Button, focusRing } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/auth/form-alert";
import { CopyLink } from "@/components/share/copy-link";
import { fromNow } from "@/components/share/format";
import { listFileRequests, markFileRequestSeen, revokeFileRequest } from "@/lib/client/requests";
import type { FileRequestJson } from "@/lib/schemas/requests";

/** One query for the list and the header's badge: both show the same arrivals. */
export const FILE_REQUESTS_KEY = ["file-requests"];

export function useFileRequests() {
  return useQuery({ queryKey: FILE_REQUESTS_KEY, queryFn: listFileRequests, refetchInterval: 60_000 });
}

const iconButton = `inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`;

function statusOf(request: FileRequestJson): { label: string; open: boolean } {
  if (request.revokedAt) return { label: "Revoked", open: false };
  if (new Date(request.expiresAt) <= new Date()) return { label: "Expired", open: false };
  if (request.maxFiles !== null && request.fileCount >= request.maxFiles) return { label: "Full", open: false };
  return { label: "Open", open: true };
}

function RequestRow({
  request,
  onCopy,
  onRevoke,
  onOpen,
}: {
  request: FileRequestJson;
  onCopy(): void;
  onRevoke(): void;
  onOpen(): void;
}) {
  const status = statusOf(request);
  const received = `${request.fileCount} file${request.fileCount === 1 ? "" : "s"} received`;
  const limit = request.maxFiles === null ? "" : ` of ${request.maxFiles}`;
  return (
    <li className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center" data-testid="file-request">
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          <Inbox className="size-5" aria-hidden />
        </span>
        <div className="min-w-0 flex-1">
          <p className="flex items-center gap-2">
            <Link
              href={`/files/${request.folder.id}`}
              onClick={onOpen}
              className={`truncate rounded font-medium hover:text-indigo-700 hover:underline dark:hover:text-indigo-300 ${focusRing}`}
            >
              {request.folder.name}
            </Link>
            <span
              className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
                status.open
                  ? "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30"
                  : "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30"
              }`}
            >
              {status.label}
            </span>
            {request.unseenCount > 0 && (
              <span className="shrink-0 rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white">
                {request.unseenCount} new
              </span>
            )}
            {request.hasPassword && (
              <Lock className="size-3.5 shrink-0 text-zinc-500" aria-label="Password protected" />
            )}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <span>
              {received}
              {limit}
            </span>
            <span>
              {new Date(request.expiresAt) > new Date() ? "Closes" : "Closed"} {fromNow(new Date(request.expiresAt))}
            </span>
            {request.message && <span className="truncate">“{request.message}”</span>}
          </p>
        </div>
      </div>
      <div className="flex shrink-0 gap-1">
        {status.open && (
          <button type="button" className={iconButton} onClick={onCopy}>
            <Copy className="size-4" aria-hidden /> Copy link
          </button>
        )}
        {!request.revokedAt && (
          <button type="button" className={`${iconButton} text-red-700 dark:text-red-400`} onClick={onRevoke}>
            <Trash2 className="size-4" aria-hidden /> Revoke
          </button>
        )}
      </div>
    </li>
  );
}

/** The owner's file requests: what arrived (new since last look), status, copy and revoke. */
export function FileRequests() {
  const requests = useFileRequests();
  const client = useQueryClient();
  const [copying, setCopying] = useState<FileRequestJson | null>(null);
  const [revoking, setRevoking] = useState<FileRequestJson | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: FILE_REQUESTS_KEY });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeFileRequest(id),
    onSuccess: () => {
      toast.success("File request revoked");
      setRevoking(null);
      void refresh();
    },
    onError: (e) => toast.error(e instanceof Error ? e.message : "Could not revoke the request."),
  });
  // Opening the folder is looking at the arrivals: the badge goes back to zero.
  const seen = (request: FileRequestJson) => {
    if (request.unseenCount > 0) void markFileRequestSeen(request.id).then(refresh, () => undefined);
  };

  if (requests.isPending) {
    return (
      <div
        aria-busy="true"
        className="h-16 animate-pulse rounded-xl bg-zinc-100 dark:bg-zinc-800"
        role="status"
        aria-label="Loading file requests"
      />
    );
  }
  if (requests.isError) {
    return (
      <div className="space-y-3">
        <FormAlert>{requests.error.message || "Could not load your file requests."}</FormAlert>
        <Button variant="secondary" onClick={() => void requests.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (requests.data.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No file requests yet. Choose “Request files…” in a folder’s menu to let anyone add files to it.
      </p>
    );
  }
  return (
    <>
      <ul
        aria-label="File requests"
        className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900/40"
      >
        {requests.data.map((request) => (
          <RequestRow
            key={request.id}
            request={request}
            onCopy={() => setCopying(request)}
            onRevoke={() => setRevoking(request)}
            onOpen={() => seen(request)}
          />
        ))}
      </ul>
      <Dialog
        open={copying !== null}
        onClose={() => setCopying(null)}
        title="Copy link"
        description={copying ? `Anyone with it can add files to “${copying.folder.name}”.` : undefined}
      >
        {copying && <CopyLink url={copying.url} label="File request link" />}
      </Dialog>
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this file request?"
        description={
          revoking
            ? `Nobody can add files to “${revoking.folder.name}” through its link any more. Files already received stay.`
            : undefined
        }
        footer={
          <>
            <Button variant="ghost" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button variant="danger" loading={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
              Revoke request
            </Button>
          </>
        }
      />
    </>
  );
}

/** New arrivals across all requests, for the header's "Shared links" entry. */
export function FileRequestsBadge() {
  const { data } = useFileRequests();
  const unseen = (data ?? []).reduce((sum, r) => sum + r.unseenCount, 0);
  if (unseen === 0) return null;
  return (
    <span
      className="ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums"
      data-testid="requests-badge"
    >
      {unseen}
      <span className="sr-only"> new files through file requests</span>
    </span>
  );
}
