import { redirect } from "next/navigation";
import { hasNoUsers, sessionUser } from "@/lib/auth/server";

export const dynamic = "force-dynamic";

// A fresh install opens on sign-up (its first account becomes the admin).
export default async function Home() {
  if (await sessionUser()) redirect("/files");
  redirect((await hasNoUsers()) ? "/signup" : "/signin");
}
