"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Check, Copy, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/auth/form-alert";

interface TokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message ?? `Request failed (${response.status}).`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function TokensPanel() {
  const [tokens, setTokens] = useState<TokenRow[] | null>(null);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ id: string; name: string; token: string }>();
  const [pending, setPending] = useState(false);
  const [revoking, setRevoking] = useState<TokenRow>();
  const [revokePending, setRevokePending] = useState(false);
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    try {
      setTokens((await api<{ items: TokenRow[] }>("/api/tokens")).items);
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
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get("name") ?? "");
    setPending(true);
    try {
      const result = await api<{ id: string; name: string; token: string }>("/api/tokens", {
        method: "POST",
        body: JSON.stringify({ name }),
      });
      setCreated(result);
      setCopied(false);
      formElement.reset();
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  async function onConfirmRevoke() {
    if (!revoking) return;
    const { id } = revoking;
    setRevokePending(true);
    try {
      await api(`/api/tokens/${id}`, { method: "DELETE" });
      // The "copy it now" box must not keep offering a token that no longer works.
      setCreated((shown) => (shown?.id === id ? undefined : shown));
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRevokePending(false);
      setRevoking(undefined);
    }
  }

  // A token revoked elsewhere (another tab, the API) disappears from the box too once the list says so.
  const shownToken = created && (tokens === null || tokens.some((t) => t.id === created.id)) ? created : undefined;

  return (
    <div className="mt-6 space-y-6">
      <form onSubmit={onCreate} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field
          label="New token name"
          name="name"
          required
          maxLength={100}
          placeholder="e.g. backup script"
          className="flex-1"
        />
        <Button type="submit" loading={pending}>
          Create token
        </Button>
      </form>
      {error && <FormAlert>{error}</FormAlert>}
      {shownToken && (
        <div
          className="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm dark:border-emerald-900 dark:bg-emerald-950/40"
          role="status"
        >
          <p className="font-medium">Token “{shownToken.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code
              className="flex-1 overflow-x-auto rounded-md bg-white px-2 py-1.5 font-mono text-xs dark:bg-zinc-900"
              data-testid="new-token"
            >
              {shownToken.token}
            </code>
            <Button
              variant="secondary"
              aria-label="Copy token"
              onClick={async () => {
                await navigator.clipboard?.writeText(shownToken.token).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}
      <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        {tokens === null ? (
          <div className="space-y-3 p-4" role="status" aria-busy="true" aria-label="Loading tokens">
            {[0, 1].map((i) => (
              <div key={i} className="h-10 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800" />
            ))}
          </div>
        ) : tokens.length === 0 ? (
          <div className="flex flex-col items-center px-4 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">
            <KeyRound className="mb-2 size-6" aria-hidden />
            No tokens yet.
          </div>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {tokens.map((t) => (
              <li key={t.id} className="flex items-center gap-4 px-4 py-3" data-testid="token-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{t.name}</p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    Created {dateFormat.format(new Date(t.createdAt))} ·{" "}
                    {t.lastUsedAt ? `last used ${dateFormat.format(new Date(t.lastUsedAt))}` : "never used"}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
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
        confirmLabel="Revoke token"
        pending={revokePending}
        onConfirm={() => void onConfirmRevoke()}
        onCancel={() => setRevoking(undefined)}
      >
        Scripts using this token stop working at once. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
