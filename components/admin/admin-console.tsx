"use client";

import { ScrollText, Users } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { AddUserButton } from "./add-user-dialog";
import { ConfirmDialog, type ConfirmRequest } from "./dialog";
import { AdminQueryProvider } from "./query-provider";
import { SignInPolicyCard } from "./sign-in-policy";
import { StorageHealth } from "./storage-health";
import { Totals } from "./totals";
import { UsageChart } from "./usage-chart";
import { UsersTable } from "./users-table";
import { useStorageOverview, useUsagePage } from "./use-admin";
import { ErrorState } from "./states";

interface Props {
  selfId: string;
  defaultQuotaBytes: number | null;
}

function Console({ selfId, defaultQuotaBytes }: Props) {
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  // The top ten by usage feed both the chart and the totals (which come with every page).
  const top = useUsagePage({ sort: "usedBytes", order: "desc", limit: 10 });
  const storage = useStorageOverview(top.isSuccess);
  const context = { selfId, defaultQuotaBytes, confirm: setConfirm };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-semibold tracking-tight">Admin console</h1>
        <Link href="/admin/audit" className={buttonClasses("secondary")}>
          <ScrollText className="size-4" aria-hidden /> Audit log
        </Link>
        <Link href="/admin/groups" className={buttonClasses("secondary")}>
          <Users className="size-4" aria-hidden /> Groups
        </Link>
        <AddUserButton defaultQuotaBytes={defaultQuotaBytes} />
      </div>
      {top.isError && !top.data ? (
        <ErrorState title="Couldn't load usage" message={top.error.message} onRetry={() => void top.refetch()} />
      ) : (
        <>
          <Totals totals={top.data?.totals} storage={storage.data} />
          <UsageChart users={top.data?.users} />
          <StorageHealth storage={storage.data} error={storage.error} onRetry={() => void storage.refetch()} />
        </>
      )}
      <UsersTable context={context} />
      <SignInPolicyCard />
      <ConfirmDialog request={confirm} onDone={() => setConfirm(null)} />
    </div>
  );
}

/** /admin: totals, the top users by storage, storage health, and every account with its controls. */
export function AdminConsole(props: Props) {
  return (
    <AdminQueryProvider>
      <Console {...props} />
    </AdminQueryProvider>
  );
}
