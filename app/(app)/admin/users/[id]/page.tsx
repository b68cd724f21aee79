import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserDetailView } from "@/components/admin/user-detail-view";
import { requireSessionUser } from "@/lib/auth/server";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "User · Admin console" };
export const dynamic = "force-dynamic";

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSessionUser();
  if (user.role !== "ADMIN") notFound();
  const { id } = await params;
  const config = env();
  return (
    <UserDetailView
      userId={id}
      selfId={user.id}
      defaultQuotaBytes={config.DEFAULT_QUOTA_BYTES}
      ssoName={config.OIDC_NAME}
    />
  );
}
