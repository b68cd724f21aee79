import type { Metadata } from "next";
import Link from "next/link";
import { describePasswordLink } from "@/lib/admin/password-links";
import { DomainError } from "@/lib/errors";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let account: { email: string } | null = null;
  let problem = "This link is not valid. Check that you copied all of it.";
  try {
    account = await describePasswordLink(token);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "forbidden") problem = "This server uses single sign-on: passwords are not used here.";
    if (error.code === "gone") problem = "This link has already been used or has expired.";
  }
  if (!account) {
    return (
      <>
        <h1 className="text-xl font-semibold">Link not usable</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="set-password-problem">
          {problem} Ask your administrator for a new one.
        </p>
        <Link
          href="/signin"
          className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Go to sign in
        </Link>
      </>
    );
  }
  return <SetPasswordForm token={token} email={account.email} />;
}
