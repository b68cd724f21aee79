"use client";

import { UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/auth/form-alert";
import { CopyLink } from "./copy-link";
import { Dialog } from "@/components/ui/dialog";
import { quotaFromDraft, type QuotaDraft } from "./quota";
import { QuotaFields } from "./quota-fields";
import { defaultQuotaLabel } from "./user-controls";
import { useCreateUser } from "./use-admin";

const START: QuotaDraft = { mode: "default", amount: "", unit: "GiB" };

/** "Add user": email, name and quota; then the one-time link to hand over (no mail server). */
export function AddUserButton({ defaultQuotaBytes }: { defaultQuotaBytes: number | null }) {
  const [open, setOpen] = useState(false);
  const [quota, setQuota] = useState<QuotaDraft>(START);
  const [quotaError, setQuotaError] = useState<string>();
  const [created, setCreated] = useState<{ email: string; url: string } | null>(null);
  const create = useCreateUser();

  function close() {
    setOpen(false);
    setCreated(null);
    setQuota(START);
    setQuotaError(undefined);
    create.reset();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = quotaFromDraft(quota);
    if ("error" in parsed) return setQuotaError(parsed.error);
    const name = String(form.get("name") ?? "").trim();
    try {
      const result = await create.mutateAsync({
        email: String(form.get("email") ?? ""),
        name: name || undefined,
        quotaBytes: parsed.quota,
      });
      setCreated({ email: result.user.email, url: result.setPasswordUrl });
    } catch {
      // shown below from create.error
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus className="size-4" aria-hidden /> Add user
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={created ? "User added" : "Add user"}
        description={
          created
            ? `Give ${created.email} this link to choose a password.`
            : "They choose their own password through a one-time link."
        }
      >
        {created ? (
          <div className="space-y-4">
            <CopyLink url={created.url} />
            <div className="flex justify-end">
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={(e) => void submit(e)} className="space-y-4">
            {create.error && <FormAlert>{create.error.message}</FormAlert>}
            <Field label="Email" name="email" type="email" required autoComplete="off" autoFocus />
            <Field label="Name (optional)" name="name" autoComplete="off" />
            <fieldset>
              <legend className="mb-1.5 text-sm font-medium text-zinc-700 dark:text-zinc-300">Quota</legend>
              <QuotaFields
                draft={quota}
                onChange={(d) => (setQuota(d), setQuotaError(undefined))}
                error={quotaError}
                defaultLabel={defaultQuotaLabel(defaultQuotaBytes)}
              />
            </fieldset>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Add user
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
