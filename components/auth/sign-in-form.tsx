"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/lib/client/use-hydrated";
import { passkeyAnswer } from "@/lib/client/passkeys";
import { FormAlert } from "./form-alert";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  AccountDisabled: "This account is disabled. Ask an administrator.",
  TooManyAttempts: "Too many failed attempts. Wait a few minutes and try again.",
  AccessDenied: "You cannot sign in with that account here.",
  OAuthAccountNotLinked: "That email is already used by another sign-in method.",
  PasswordSignInOff: "This server uses single sign-on: use the button below.",
  UnverifiedEmail:
    "Your email address is not verified at the sign-in provider, so it cannot be linked to the account here. Verify it there, or ask an administrator.",
  NoAccount: "There is no account for you here yet: ask an administrator.",
  NoEmail: "The sign-in provider did not share your email address, so no account can be found for you.",
  OAuthSignin: "The sign-in provider could not be reached. Try again in a moment, or ask an administrator.",
  OAuthCallback: "The answer from the sign-in provider was not valid or has expired. Please try again.",
  WrongCode: "That code is not right, or was already used. Try the next one.",
  PasskeyFailed: "That passkey was not accepted here. Try another sign-in method.",
  PasskeyCancelled: "The passkey request was cancelled or timed out.",
};

function messageFor(code: string | undefined | null): string | undefined {
  if (!code) return undefined;
  return MESSAGES[code] ?? "Sign-in failed. Please try again.";
}

interface Props {
  providers: { id: string; name: string }[];
  /** false: single sign-on only (PASSWORD_SIGN_IN=false), no password fields. */
  passwordSignIn: boolean;
  registrationOpen: boolean;
  /** Mail is set up: "Forgot password?" sends a reset link. */
  passwordReset?: boolean;
  initialError?: string;
  callbackUrl: string;
}

export function SignInForm({
  providers,
  passwordSignIn,
  registrationOpen,
  passwordReset,
  initialError,
  callbackUrl,
}: Props) {
  const router = useRouter();
  const [error, setError] = useState(messageFor(initialError));
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  // After a right password on an account with two-factor on: the same form asks for the code.
  const [password, setPassword] = useState<{ email: string; password: string }>();

  /** Ends a sign-in attempt: on to the app, back to the code step, or an error. */
  function settle(result: { ok?: boolean; error?: string | null } | undefined) {
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setPending(false);
    setError(
      result?.error === "Network"
        ? "Could not reach the server. Check your connection."
        : messageFor(result?.error ?? "x"),
    );
  }

  /** A passkey instead of the password, or (after the password) as the second factor. */
  async function withPasskey() {
    setPending(true);
    setError(undefined);
    let answer: { challengeId: string; response: string };
    try {
      answer = await passkeyAnswer();
    } catch (e) {
      setPending(false);
      setError(messageFor((e as Error).name === "NotAllowedError" ? "PasskeyCancelled" : "PasskeyFailed"));
      return;
    }
    const result = password
      ? await signIn("credentials", {
          ...password,
          passkeyChallenge: answer.challengeId,
          passkeyResponse: answer.response,
          redirect: false,
        })
      : await signIn("passkey", { ...answer, redirect: false });
    settle(result ?? undefined);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const typed = password ?? { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", {
      ...typed,
      ...(password ? { code: String(form.get("code") ?? "") } : {}),
      redirect: false,
    }).catch(() => ({ ok: false, error: "Network" }));
    if (result?.error === "SecondFactorRequired") {
      setPassword(typed);
      setPending(false);
      return;
    }
    settle(result);
  }

  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Welcome back.</p>
      {error && !passwordSignIn && (
        <div className="mt-6">
          <FormAlert>{error}</FormAlert>
        </div>
      )}
      {passwordSignIn && (
        <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate={false}>
          {error && <FormAlert>{error}</FormAlert>}
          {password ? (
            <Field
              key="code"
              label="Authentication code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              autoFocus
              hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            />
          ) : (
            <>
              <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
              <Field label="Password" name="password" type="password" autoComplete="current-password" required />
            </>
          )}
          {/* Disabled until hydrated: before it, the browser would submit the form itself (a GET with the password in the URL). */}
          <Button type="submit" loading={pending} disabled={!hydrated} className="w-full">
            {pending ? "Signing in…" : password ? "Verify" : "Sign in"}
          </Button>
        </form>
      )}
      <Button
        variant="secondary"
        className="mt-3 w-full"
        disabled={!hydrated || pending}
        onClick={() => void withPasskey()}
      >
        {password ? "Use a passkey instead" : "Use a passkey"}
      </Button>
      {providers.length > 0 && (
        <div className="mt-6 space-y-2">
          {passwordSignIn && (
            <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
              <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" /> or{" "}
              <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            </div>
          )}
          {providers.map((p) => (
            <Button
              key={p.id}
              variant={passwordSignIn ? "secondary" : "primary"}
              className="w-full"
              onClick={() => signIn(p.id, { callbackUrl })}
            >
              {p.id === "oidc" ? p.name : `Continue with ${p.name}`}
            </Button>
          ))}
        </div>
      )}
      {passwordReset && passwordSignIn && !password && (
        <p className="mt-4 text-center text-sm">
          <Link href="/forgot-password" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Forgot password?
          </Link>
        </p>
      )}
      {registrationOpen && passwordSignIn && (
        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
          No account yet?{" "}
          <Link href="/signup" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Create one
          </Link>
        </p>
      )}
    </>
  );
}
