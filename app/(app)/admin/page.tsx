import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console";
import { requireSessionUser } from "@/lib/auth/server";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Admin console" };
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const user = await requireSessionUser();
  // Like the API's other-users' resources: the page does not exist for non-admins.
  if (user.role !== "ADMIN") notFound();
  return <AdminConsole selfId={user.id} defaultQuotaBytes={env().DEFAULT_QUOTA_BYTES} />;
}
