import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditLog } from "@/components/admin/audit-log";
import { requireSessionUser } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Audit log · Admin console" };
export const dynamic = "force-dynamic";

export default async function AdminAuditPage() {
  const user = await requireSessionUser();
  if (user.role !== "ADMIN") notFound();
  return <AuditLog />;
}
