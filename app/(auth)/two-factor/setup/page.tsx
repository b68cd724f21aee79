import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { EnrolmentSteps } from "@/components/auth/enrolment-steps";
import { signInUrl } from "@/lib/auth/callback";
import { ENROLMENT_PAGE, sessionUser } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Set up two-factor authentication" };
export const dynamic = "force-dynamic";

// Where the admin's two-factor policy sends a signed-in user without a second factor
// (lib/auth/policy.ts): the only page they can use until they have set one up.
export default async function TwoFactorSetupPage() {
  const user = await sessionUser();
  if (!user) redirect(signInUrl(ENROLMENT_PAGE));
  if (!user.enrolmentDue) redirect("/files");
  return (
    <>
      <h1 className="text-xl font-semibold">Set up two-factor authentication</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        This server requires a second factor for {user.email}. Set it up to continue: an authenticator app on your phone
        (such as Aegis, Google Authenticator or 1Password), or a passkey.
      </p>
      <EnrolmentSteps />
    </>
  );
}
