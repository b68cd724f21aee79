"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/auth/form-alert";
import { changePassword, renameSelf } from "@/lib/client/account";
import { ApiError } from "@/lib/client/http";

/** The display name. */
export function NameForm({ name }: { name: string | null }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await renameSelf(String(new FormData(event.currentTarget).get("name") ?? ""));
      toast.success("Name saved.");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
      <Field
        label="Display name"
        name="name"
        defaultValue={name ?? ""}
        maxLength={100}
        autoComplete="name"
        className="flex-1"
      />
      <Button type="submit" loading={pending} variant="secondary">
        Save name
      </Button>
      {error && <FormAlert>{error}</FormAlert>}
    </form>
  );
}

/** Change password: the current one is required; every other session of the account ends. */
export function ChangePasswordForm() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const next = String(data.get("newPassword") ?? "");
    setError(undefined);
    setFieldErrors({});
    if (next !== String(data.get("confirmPassword") ?? "")) {
      setFieldErrors({ confirmPassword: "The two new passwords differ." });
      return;
    }
    setPending(true);
    try {
      await changePassword(String(data.get("currentPassword") ?? ""), next);
      form.reset();
      toast.success("Password changed. Your other sessions were signed out.");
    } catch (e) {
      const field = e instanceof ApiError ? e.details.field : undefined;
      if (typeof field === "string") setFieldErrors({ [field]: (e as Error).message });
      else setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 max-w-md space-y-4">
      {error && <FormAlert>{error}</FormAlert>}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint="At least 8 characters."
        error={fieldErrors.newPassword}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrors.confirmPassword}
      />
      <Button type="submit" loading={pending}>
        Change password
      </Button>
    </form>
  );
}
