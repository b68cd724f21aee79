import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { GroupsAdmin } from "@/components/admin/groups-admin";
import { requireSessionUser } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Groups · Admin console" };
export const dynamic = "force-dynamic";

export default async function AdminGroupsPage() {
  const user = await requireSessionUser();
  if (user.role !== "ADMIN") notFound();
  return <GroupsAdmin />;
}
