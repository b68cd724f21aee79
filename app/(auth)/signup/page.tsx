import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { hasNoUsers, sessionUser } from "@/lib/auth/server";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Create account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  if (await sessionUser()) redirect("/files");
  // With single sign-on only, accounts come from the provider (the sign-in page's button).
  if (env().REGISTRATION === "closed" || !env().PASSWORD_SIGN_IN) {
    return (
      <div className="text-center">
        <h1 className="text-lg font-semibold">Registration is closed</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Ask an administrator of this server for an account.
        </p>
        <Link
          href="/signin"
          className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Back to sign in
        </Link>
      </div>
    );
  }
  return <SignUpForm firstAccount={await hasNoUsers()} />;
}
