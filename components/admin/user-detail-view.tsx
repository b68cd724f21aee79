"use client";

import Link from "next/link";
import { ArrowLeft, KeyRound } from "lucide-react";
import { useState } from "react";
import { Button, focusRing } from "@/components/ui/button";
import { toast } from "sonner";
import { formatBytes } from "@/lib/bytes";
import { formatDateTime } from "@/lib/client/format";
import type { UsageSlice, UserDetail } from "@/lib/schemas/admin";
import { CopyLink } from "./copy-link";
import { ConfirmDialog, type ConfirmRequest } from "./dialog";
import { AdminQueryProvider } from "./query-provider";
import { ErrorState, Skeleton, cardClass } from "./states";
import { QuotaCell, RoleSelect, StatusBadge, StatusToggle } from "./user-controls";
import { FileList } from "./file-list";
import { UserSignIn } from "./user-sign-in";
import { useResetLink, useUserDetail } from "./use-admin";

const CATEGORY_LABELS: Record<string, string> = {
  images: "Images",
  video: "Video",
  audio: "Audio",
  documents: "Documents",
  archives: "Archives",
  other: "Other",
};

/** Rows of label, size as text and a bar proportional to the largest (the text carries the figure). */
function Breakdown({ title, rows }: { title: string; rows: (UsageSlice & { label: string })[] }) {
  const max = Math.max(1, ...rows.map((r) => r.bytes));
  return (
    <section className={cardClass} aria-labelledby={`${title}-heading`}>
      <h2 id={`${title}-heading`} className="text-sm font-semibold">
        {title}
      </h2>
      {rows.every((r) => r.files === 0) ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No files.</p>
      ) : (
        <ul className="mt-3 space-y-2.5">
          {rows.map((r) => (
            <li key={r.label} className="text-sm" data-testid="breakdown-row">
              <div className="flex justify-between gap-3">
                <span>{r.label}</span>
                <span className="text-zinc-700 tabular-nums dark:text-zinc-300">
                  {formatBytes(r.bytes)} · {r.files.toLocaleString("en-US")} file{r.files === 1 ? "" : "s"}
                </span>
              </div>
              <div className="mt-1 h-1.5 rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden>
                <div
                  className="h-full rounded-full bg-indigo-500 dark:bg-indigo-400"
                  style={{ width: `${(r.bytes / max) * 100}%` }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResetLink({ userId }: { userId: string }) {
  const reset = useResetLink();
  const [url, setUrl] = useState<string | null>(null);
  if (url) return <CopyLink url={url} label="One-time password reset link" />;
  return (
    <Button
      variant="secondary"
      loading={reset.isPending}
      onClick={() =>
        reset.mutateAsync(userId).then(
          (r) => setUrl(r.setPasswordUrl),
          (e: Error) => toast.error(e.message),
        )
      }
    >
      <KeyRound className="size-4" aria-hidden /> Create password reset link
    </Button>
  );
}

function Detail({
  detail,
  selfId,
  defaultQuotaBytes,
  ssoName,
}: {
  detail: UserDetail;
  selfId: string;
  defaultQuotaBytes: number | null;
  ssoName: string;
}) {
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const { user } = detail;
  const context = { selfId, defaultQuotaBytes, confirm: setConfirm };
  return (
    <>
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight">{user.email}</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {user.name ? `${user.name} · ` : ""}
            {user.fileCount.toLocaleString("en-US")} file{user.fileCount === 1 ? "" : "s"} · joined{" "}
            {formatDateTime(new Date(user.createdAt))}
          </p>
        </div>
        <StatusBadge disabled={user.disabled} />
      </div>
      <section
        className={`${cardClass} grid gap-4 sm:grid-cols-[1fr_auto_auto] sm:items-center`}
        aria-label="Account settings"
      >
        <QuotaCell user={user} context={context} />
        <RoleSelect user={user} context={context} />
        <StatusToggle user={user} context={context} />
      </section>
      <ResetLink userId={user.id} />
      <UserSignIn userId={user.id} email={user.email} ssoName={ssoName} confirm={setConfirm} />
      <div className="grid gap-4 md:grid-cols-2">
        <Breakdown
          title="By content type"
          rows={detail.byCategory.map((c) => ({ ...c, label: CATEGORY_LABELS[c.category]! }))}
        />
        <Breakdown title="By storage driver" rows={detail.byDriver.map((d) => ({ ...d, label: d.driver }))} />
        <FileList title="Largest files" files={detail.largestFiles} />
        <FileList title="Recent uploads" files={detail.recentUploads} />
      </div>
      <ConfirmDialog request={confirm} onDone={() => setConfirm(null)} />
    </>
  );
}

function DetailLoader({
  userId,
  selfId,
  defaultQuotaBytes,
  ssoName,
}: {
  userId: string;
  selfId: string;
  defaultQuotaBytes: number | null;
  ssoName: string;
}) {
  const detail = useUserDetail(userId);
  return (
    <div className="space-y-5">
      <Link
        href="/admin"
        className={`inline-flex items-center gap-1.5 rounded text-sm text-zinc-700 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-zinc-100 ${focusRing}`}
      >
        <ArrowLeft className="size-4" aria-hidden /> All users
      </Link>
      {detail.isPending ? (
        <div className="space-y-4" role="status" aria-label="Loading user">
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-20 w-full" />
          <div className="grid gap-4 md:grid-cols-2">
            <Skeleton className="h-48" />
            <Skeleton className="h-48" />
          </div>
        </div>
      ) : detail.isError ? (
        <ErrorState
          title="Couldn't load this user"
          message={detail.error.message}
          onRetry={() => void detail.refetch()}
        />
      ) : (
        <Detail detail={detail.data} selfId={selfId} defaultQuotaBytes={defaultQuotaBytes} ssoName={ssoName} />
      )}
    </div>
  );
}

/** /admin/users/[id]: one account's usage in detail, with the same controls as the table. */
export function UserDetailView(props: {
  userId: string;
  selfId: string;
  defaultQuotaBytes: number | null;
  ssoName: string;
}) {
  return (
    <AdminQueryProvider>
      <DetailLoader {...props} />
    </AdminQueryProvider>
  );
}
