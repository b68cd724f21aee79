"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Copy, Lock, Pencil, Trash2 } from "lucide-react";
import { focusRing } from "@/components/ui/button";
import type { ApiShare, ShareStatus } from "@/lib/schemas/shares";
import { fromNow, STATUS_LABELS } from "./format";

const BADGE: Record<ShareStatus, string> = {
  active:
    "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  expired: "bg-zinc-100 text-zinc-700 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30",
  revoked: "bg-red-50 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30",
  exhausted:
    "bg-amber-50 text-amber-900 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  unavailable:
    "bg-amber-50 text-amber-900 ring-amber-600/20 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
};

const iconButton = `inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`;
const fullDate = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export function SharedLinkRow({
  share,
  icon,
  name,
  href,
  onCopy,
  onEdit,
  onRevoke,
}: {
  share: ApiShare;
  icon: ReactNode;
  name: string;
  /** Where the shared file or folder is (none while it is in the trash). */
  href?: string;
  onCopy(): void;
  onEdit(): void;
  onRevoke(): void;
}) {
  const downloads =
    share.maxDownloads === null ? `${share.downloadCount}` : `${share.downloadCount} of ${share.maxDownloads}`;
  const expiry =
    new Date(share.expiresAt) > new Date()
      ? `Expires ${fromNow(new Date(share.expiresAt))}`
      : `Expired ${fromNow(new Date(share.expiresAt))}`;
  return (
    <li
      className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center"
      data-testid="shared-link"
      data-share-id={share.id}
    >
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          {icon}
        </span>
        <div className="min-w-0 flex-1">
          <p className="flex items-center gap-2">
            {href ? (
              <Link
                href={href}
                className={`truncate rounded font-medium hover:text-indigo-700 hover:underline dark:hover:text-indigo-300 ${focusRing}`}
                title={name}
              >
                {name}
              </Link>
            ) : (
              <span className="truncate font-medium" title={name}>
                {name}
              </span>
            )}
            <span
              className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${BADGE[share.status]}`}
            >
              {STATUS_LABELS[share.status]}
            </span>
            {share.hasPassword && <Lock className="size-3.5 shrink-0 text-zinc-500" aria-label="Password protected" />}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <span>
              {downloads} {share.downloadCount === 1 && share.maxDownloads === null ? "download" : "downloads"}
            </span>
            <span title={share.lastAccessAt ? fullDate(share.lastAccessAt) : undefined}>
              {share.lastAccessAt ? `Last opened ${fromNow(new Date(share.lastAccessAt))}` : "Never opened"}
            </span>
            <span title={fullDate(share.expiresAt)}>
              {share.status === "revoked" ? `Revoked ${fromNow(new Date(share.revokedAt!))}` : expiry}
            </span>
          </p>
        </div>
      </div>
      {share.status !== "revoked" && (
        <div className="flex shrink-0 gap-1 sm:justify-end">
          <button type="button" className={iconButton} onClick={onCopy} aria-label={`Copy link to ${name}`}>
            <Copy className="size-4" aria-hidden />
            <span>Copy</span>
          </button>
          <button type="button" className={iconButton} onClick={onEdit} aria-label={`Edit link to ${name}`}>
            <Pencil className="size-4" aria-hidden />
            <span>Edit</span>
          </button>
          <button
            type="button"
            className={`${iconButton} text-red-700 dark:text-red-400`}
            onClick={onRevoke}
            aria-label={`Revoke link to ${name}`}
          >
            <Trash2 className="size-4" aria-hidden />
            <span>Revoke</span>
          </button>
        </div>
      )}
    </li>
  );
}
