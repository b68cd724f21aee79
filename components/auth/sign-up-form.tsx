"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useHydrated } from "@/lib/client/use-hydrated";
import { FormAlert } from "./form-alert";

type FieldErrors = Partial<Record<"email" | "password" | "name", string>>;

export function SignUpForm({ firstAccount }: { firstAccount: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "");
    setError(undefined);
    setFieldErrors({});
    if (password.length < 8) {
      setFieldErrors({ password: "Use at least 8 characters." });
      return;
    }
    setPending(true);
    try {
      const response = await fetch("/api/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password, name: name || undefined }),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        const message: string = body?.error?.message ?? "Could not create the account.";
        // The API names the failing input in `field` (docs/API.md, "Errors").
        const field: unknown = body?.error?.field;
        if (field === "email" || field === "password" || field === "name") setFieldErrors({ [field]: message });
        else setError(message);
        setPending(false);
        return;
      }
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result?.ok || result.error) throw new Error("sign-in");
      router.replace("/files");
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {firstAccount
          ? "You are the first one here: this account will administer Stowage."
          : "Store and share your files."}
      </p>
      <form onSubmit={onSubmit} className="mt-6 space-y-4">
        {error && <FormAlert>{error}</FormAlert>}
        <Field label="Name" name="name" autoComplete="name" hint="Optional" error={fieldErrors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          error={fieldErrors.password}
        />
        {/* Disabled until hydrated: before it, the browser would submit the form itself (a GET with the password in the URL). */}
        <Button type="submit" loading={pending} disabled={!hydrated} className="w-full">
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </>
  );
}
