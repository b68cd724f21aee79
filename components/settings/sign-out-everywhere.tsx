"use client";

import { useState } from "react";
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/auth/form-alert";
import { signOut } from "@/lib/client/sign-out";
import { useHydrated } from "@/lib/client/use-hydrated";

/** Sign out everywhere (DELETE /api/me/sessions), then sign this browser out too. */
export function SignOutEverywhere() {
  const [asking, setAsking] = useState(false);
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function confirm() {
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch("/api/me/sessions", { method: "DELETE" });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new Error(body?.error?.message ?? `Request failed (${response.status}).`);
      }
      await signOut({ callbackUrl: "/signin" });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setPending(false);
      setAsking(false);
    }
  }

  return (
    <div className="mt-4 space-y-3">
      {error && <FormAlert>{error}</FormAlert>}
      <Button variant="secondary" onClick={() => setAsking(true)} disabled={!hydrated}>
        <LogOut className="size-4" aria-hidden /> Sign out everywhere
      </Button>
      <ConfirmDialog
        open={asking}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        pending={pending}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      >
        Every browser signed in to your account is signed out, this one included. API tokens keep working.
      </ConfirmDialog>
    </div>
  );
}
