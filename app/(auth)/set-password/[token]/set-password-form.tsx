"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { CircleCheck } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/auth/form-alert";
import { setPasswordWithLink } from "@/lib/client/admin";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/accounts";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [mismatch, setMismatch] = useState<string>();
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) return setMismatch("The two passwords differ.");
    setMismatch(undefined);
    setPending(true);
    setError(undefined);
    try {
      await setPasswordWithLink(token, password);
      setDone(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The password was not set. Try again.");
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div role="status">
        <CircleCheck className="size-8 text-emerald-600 dark:text-emerald-400" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold">Password set</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">You can now sign in as {email}.</p>
        <Link href="/signin" className={buttonClasses("primary", "mt-6 w-full")}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">Set your password</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        For <span className="font-medium text-zinc-900 dark:text-zinc-100">{email}</span>. This link works once.
      </p>
      <form onSubmit={(e) => void onSubmit(e)} className="mt-6 space-y-4">
        {error && <FormAlert>{error}</FormAlert>}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          autoFocus
        />
        <Field
          label="Repeat password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={mismatch}
        />
        <Button type="submit" loading={pending} className="w-full">
          {pending ? "Saving…" : "Set password"}
        </Button>
      </form>
    </>
  );
}
