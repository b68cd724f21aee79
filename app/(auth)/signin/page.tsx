import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback";
import { oauthProviders } from "@/lib/auth/options";
import { passwordResetOffered } from "@/lib/auth/password-reset";
import { sessionUser } from "@/lib/auth/server";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const { error, callbackUrl } = await searchParams;
  const back = safeCallbackPath(callbackUrl);
  if (await sessionUser()) redirect(back);
  return (
    <SignInForm
      providers={oauthProviders()}
      passwordSignIn={env().PASSWORD_SIGN_IN}
      registrationOpen={env().REGISTRATION === "open"}
      passwordReset={passwordResetOffered()}
      initialError={error}
      callbackUrl={back}
    />
  );
}
