"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { requestJson } from "@/lib/client/http";
import { FormAlert } from "./form-alert";

/** Asks for a reset link by email; the answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setPending(true);
    setError(undefined);
    try {
      const answer = await requestJson<{ message: string }>(
        (input, init) => globalThis.fetch(input, init),
        "/api/password-reset",
        { method: "POST", body: { email } },
      );
      setSent(answer.message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <h1 className="text-xl font-semibold">Forgot your password?</h1>
      {sent ? (
        <p className="mt-4 text-sm" role="status">
          {sent} Check your inbox (and the spam folder).
        </p>
      ) : (
        <form onSubmit={onSubmit} className="mt-6 space-y-4">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Enter your account&apos;s email: we will send a link to choose a new password.
          </p>
          {error && <FormAlert>{error}</FormAlert>}
          <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
          <Button type="submit" loading={pending} className="w-full">
            Send the link
          </Button>
        </form>
      )}
      <p className="mt-6 text-center text-sm">
        <Link href="/signin" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
