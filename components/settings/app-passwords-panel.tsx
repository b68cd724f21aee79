"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/auth/form-alert";
import {
  createAppPassword,
  listAppPasswords,
  revokeAppPassword,
  type ApiAppPassword,
  type AppPasswordScope,
} from "@/lib/client/account";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const SCOPE_LABEL: Record<AppPasswordScope, string> = { read: "Read-only", write: "Read-write" };

export function AppPasswordsPanel({ email }: { email: string }) {
  const [items, setItems] = useState<ApiAppPassword[] | null>(null);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ id: string; name: string; secret: string }>();
  const [pending, setPending] = useState(false);
  const [revoking, setRevoking] = useState<ApiAppPassword>();
  const [revokePending, setRevokePending] = useState(false);

  const load = useCallback(async () => {
    try {
      setItems((await listAppPasswords()).items);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- load() sets state only after its await (react/react#34905)
    void load();
  }, [load]);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    try {
      const scope = data.get("scope") === "write" ? "write" : "read";
      setCreated(await createAppPassword(String(data.get("name") ?? ""), scope));
      form.reset();
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  async function onConfirmRevoke() {
    if (!revoking) return;
    const { id, name } = revoking;
    setRevokePending(true);
    try {
      await revokeAppPassword(id);
      setCreated((shown) => (shown?.id === id ? undefined : shown));
      toast.success(`App password “${name}” revoked.`);
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRevokePending(false);
      setRevoking(undefined);
    }
  }

  return (
    <div className="mt-4 space-y-4">
      <form onSubmit={onCreate} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field
          label="Device or app"
          name="name"
          required
          maxLength={100}
          placeholder="e.g. laptop rclone"
          className="flex-1"
        />
        <div>
          <label
            htmlFor="app-password-scope"
            className="mb-1.5 block text-sm font-medium text-zinc-700 dark:text-zinc-300"
          >
            Access
          </label>
          <select
            id="app-password-scope"
            name="scope"
            defaultValue="read"
            className="block rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="read">Read-only</option>
            <option value="write">Read-write</option>
          </select>
        </div>
        <Button type="submit" loading={pending}>
          Create app password
        </Button>
      </form>
      {error && <FormAlert>{error}</FormAlert>}
      {created && (
        <div
          className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm dark:border-emerald-900 dark:bg-emerald-950/40"
          role="status"
        >
          <p className="font-medium">
            App password “{created.name}” created. Copy it now: it will not be shown again. User name: {email}
          </p>
          <code
            className="mt-2 block overflow-x-auto rounded-md bg-white px-2 py-1.5 font-mono text-xs dark:bg-zinc-900"
            data-testid="new-app-password"
          >
            {created.secret}
          </code>
        </div>
      )}
      <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {items === null ? (
          <div className="space-y-3 p-4" role="status" aria-busy="true" aria-label="Loading app passwords">
            <div className="h-10 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800" />
          </div>
        ) : items.length === 0 ? (
          <div className="flex flex-col items-center px-4 py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
            <KeyRound className="mb-2 size-6" aria-hidden />
            No app passwords yet.
          </div>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {items.map((p) => (
              <li key={p.id} className="flex items-center gap-4 px-4 py-3" data-testid="app-password-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">
                    {p.name}{" "}
                    <span className="font-normal text-zinc-500 dark:text-zinc-400">· {SCOPE_LABEL[p.scope]}</span>
                  </p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    Created {dateFormat.format(new Date(p.createdAt))} ·{" "}
                    {p.lastUsedAt ? `last used ${dateFormat.format(new Date(p.lastUsedAt))}` : "never used"}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => setRevoking(p)} aria-label={`Revoke ${p.name}`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ConfirmDialog
        open={revoking !== undefined}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        confirmLabel="Revoke app password"
        pending={revokePending}
        onConfirm={() => void onConfirmRevoke()}
        onCancel={() => setRevoking(undefined)}
      >
        Devices using this app password stop working at once. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
