"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Fingerprint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/auth/form-alert";
import { addPasskey, listPasskeys, removePasskey, renamePasskey, type ApiPasskey } from "@/lib/client/passkeys";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The browser's refusal (the person cancelled, or no authenticator) in words. */
function passkeyError(e: unknown): string {
  const name = (e as Error)?.name;
  if (name === "NotAllowedError") return "The passkey was not created: the request was cancelled or timed out.";
  if (name === "InvalidStateError") return "This authenticator already holds a passkey for your account.";
  return (e as Error)?.message ?? "That did not work. Try again.";
}

/**
 * Passkeys: add (named), rename and remove; each signs in without a password, or as the second
 * factor. `onAdded`: the enrolment page's way on once one is added.
 */
export function PasskeysPanel({ onAdded }: { onAdded?: () => void } = {}) {
  const [items, setItems] = useState<ApiPasskey[] | null>(null);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [removing, setRemoving] = useState<ApiPasskey>();
  const [removePending, setRemovePending] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await listPasskeys()).items);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only after its await (react/react#34905)
    void load();
  }, [load]);

  async function run(action: () => Promise<void>) {
    setPending(true);
    setError(undefined);
    try {
      await action();
      await load();
    } catch (e) {
      setError(passkeyError(e));
    } finally {
      setPending(false);
    }
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    void run(async () => {
      await addPasskey(name);
      form.reset();
      toast.success(`Passkey “${name}” added.`);
      onAdded?.();
    });
  }

  function onRename(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    void run(async () => {
      await renamePasskey(id, name);
      setEditing(undefined);
      toast.success("Passkey renamed.");
    });
  }

  async function onConfirmRemove() {
    if (!removing) return;
    setRemovePending(true);
    await run(async () => {
      await removePasskey(removing.id);
      toast.success(`Passkey “${removing.name}” removed.`);
    });
    setRemovePending(false);
    setRemoving(undefined);
  }

  return (
    <div className="mt-4 space-y-4">
      <form onSubmit={onAdd} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field
          label="Passkey name"
          name="name"
          required
          maxLength={100}
          placeholder="e.g. work laptop"
          className="flex-1"
        />
        <Button type="submit" loading={pending}>
          Add a passkey
        </Button>
      </form>
      {error && <FormAlert>{error}</FormAlert>}
      <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {items === null ? (
          <div className="p-4" role="status" aria-busy="true" aria-label="Loading passkeys">
            <div className="h-10 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800" />
          </div>
        ) : items.length === 0 ? (
          <div className="flex flex-col items-center px-4 py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
            <Fingerprint className="mb-2 size-6" aria-hidden />
            No passkeys yet.
          </div>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {items.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="passkey-row">
                {editing === p.id ? (
                  <form onSubmit={(e) => onRename(e, p.id)} className="flex flex-1 flex-wrap items-end gap-2">
                    <Field label="New name" name="name" required maxLength={100} defaultValue={p.name} autoFocus />
                    <Button type="submit" loading={pending}>
                      Save
                    </Button>
                    <Button variant="ghost" onClick={() => setEditing(undefined)}>
                      Cancel
                    </Button>
                  </form>
                ) : (
                  <>
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium">{p.name}</p>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        Added {dateFormat.format(new Date(p.createdAt))} ·{" "}
                        {p.lastUsedAt ? `last used ${dateFormat.format(new Date(p.lastUsedAt))}` : "never used"}
                      </p>
                    </div>
                    <Button variant="secondary" onClick={() => setEditing(p.id)} aria-label={`Rename ${p.name}`}>
                      Rename
                    </Button>
                    <Button variant="secondary" onClick={() => setRemoving(p)} aria-label={`Remove ${p.name}`}>
                      Remove
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ConfirmDialog
        open={removing !== undefined}
        title={`Remove “${removing?.name ?? ""}”?`}
        confirmLabel="Remove passkey"
        pending={removePending}
        onConfirm={() => void onConfirmRemove()}
        onCancel={() => setRemoving(undefined)}
      >
        It can no longer sign in to your account. Remove it from the device too.
      </ConfirmDialog>
    </div>
  );
}
