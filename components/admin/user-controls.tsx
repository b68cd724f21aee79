"use client";

import { Pencil } from "lucide-react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, focusRing } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { toast } from "sonner";
import { formatBytes } from "@/lib/bytes";
import type { AdminUserRow, UpdateUserInput } from "@/lib/schemas/admin";
import type { ConfirmRequest } from "./dialog";
import { draftFor, quotaFromDraft } from "./quota";
import { QuotaFields } from "./quota-fields";
import { useUpdateUser } from "./use-admin";

export interface ControlContext {
  /** The signed-in admin (who cannot disable themselves). */
  selfId: string;
  defaultQuotaBytes: number | null;
  confirm: (request: ConfirmRequest) => void;
}

function useChange(user: AdminUserRow) {
  const mutation = useUpdateUser();
  return {
    pending: mutation.isPending,
    /** Applies a change; errors become a toast (and reject, so a confirmation dialog stays open). */
    apply: async (changes: UpdateUserInput, success: string) => {
      try {
        await mutation.mutateAsync({ id: user.id, changes });
        toast.success(success);
      } catch (error) {
        const message = error instanceof Error ? error.message : "The change was not saved.";
        toast.error(message);
        throw error;
      }
    },
  };
}

export function defaultQuotaLabel(defaultQuotaBytes: number | null): string {
  return `Default (${defaultQuotaBytes === null ? "unlimited" : formatBytes(defaultQuotaBytes)})`;
}

/** "1.2 GiB of 10 GiB" with a bar; "of unlimited" without one. */
export function UsageBar({ user }: { user: AdminUserRow }) {
  const { usedBytes, quotaBytes } = user;
  const text =
    quotaBytes === null
      ? `${formatBytes(usedBytes)} of unlimited`
      : `${formatBytes(usedBytes)} of ${formatBytes(quotaBytes)}`;
  const ratio = quotaBytes === null ? 0 : quotaBytes > 0 ? usedBytes / quotaBytes : 1;
  const tone = ratio >= 0.98 ? "danger" : ratio >= 0.9 ? "warning" : "accent";
  return (
    <div className="min-w-0 space-y-1">
      <p className="truncate text-xs text-zinc-700 tabular-nums dark:text-zinc-300" data-testid="usage-text">
        {text}
        {quotaBytes !== null && quotaBytes > 0 && (
          <span className="hidden text-zinc-600 sm:inline dark:text-zinc-400"> · {Math.round(ratio * 100)} %</span>
        )}
      </p>
      {quotaBytes !== null && (
        <Progress
          value={Math.min(100, ratio * 100)}
          tone={tone}
          size="xs"
          label={`Storage used by ${user.email}`}
          valueText={text}
        />
      )}
    </div>
  );
}

/** The usage bar, and an inline editor for the quota behind it. */
export function QuotaCell({ user, context }: { user: AdminUserRow; context: ControlContext }) {
  const [draft, setDraft] = useState<ReturnType<typeof draftFor> | null>(null);
  const [error, setError] = useState<string | undefined>();
  const change = useChange(user);
  // Opening the editor removes the pencil that had the focus: give it to the editor's first field.
  // Closing it (Save, Cancel, Esc) removes the focused field: give the focus back to the pencil.
  // Either way only when the focus was lost, not when it already went somewhere else.
  const editButton = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (wasEditing.current && draft === null && lost) editButton.current?.focus();
    if (!wasEditing.current && draft !== null && lost)
      form.current?.querySelector<HTMLElement>("select, input")?.focus();
    wasEditing.current = draft !== null;
  }, [draft]);

  if (!draft) {
    return (
      <div className="flex items-center gap-2">
        <div className="min-w-0 flex-1">
          <UsageBar user={user} />
        </div>
        <button
          ref={editButton}
          type="button"
          onClick={() => setDraft(draftFor(user.quotaBytes, user.quotaIsDefault))}
          aria-label={`Edit quota for ${user.email}`}
          title="Edit quota"
          className={`shrink-0 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${focusRing}`}
        >
          <Pencil className="size-4" aria-hidden />
        </button>
      </div>
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = quotaFromDraft(draft!);
    if ("error" in parsed) return setError(parsed.error);
    const quota = parsed.quota;
    const effective = quota === null ? context.defaultQuotaBytes : quota === "unlimited" ? null : quota;
    const label = quota === null ? "the default" : quota === "unlimited" ? "unlimited" : formatBytes(quota);
    const run = () =>
      change.apply({ quotaBytes: quota }, `Quota for ${user.email} set to ${label}.`).then(() => setDraft(null));
    if (effective !== null && effective < user.usedBytes) {
      context.confirm({
        title: "Set a quota below current usage?",
        message: `${user.email} already stores ${formatBytes(user.usedBytes)}. With a quota of ${formatBytes(effective)} they cannot upload anything until they delete files. Nothing is deleted.`,
        confirmLabel: "Lower quota",
        run,
      });
      return;
    }
    await run().catch(() => undefined);
  }

  return (
    <form
      ref={form}
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => e.key === "Escape" && setDraft(null)}
      className="space-y-2"
    >
      <QuotaFields
        draft={draft}
        onChange={(d) => (setDraft(d), setError(undefined))}
        error={error}
        defaultLabel={defaultQuotaLabel(context.defaultQuotaBytes)}
        who={`for ${user.email}`}
      />
      <div className="flex gap-2">
        <Button type="submit" className="px-2.5 py-1 text-xs" loading={change.pending}>
          Save
        </Button>
        <Button type="button" variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const selectClass = `rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`;

export function RoleSelect({ user, context }: { user: AdminUserRow; context: ControlContext }) {
  const change = useChange(user);
  function onChange(role: "USER" | "ADMIN") {
    if (role === user.role) return;
    if (role === "ADMIN")
      return void change.apply({ role }, `${user.email} is now an administrator.`).catch(() => undefined);
    const self = user.id === context.selfId;
    context.confirm({
      title: self ? "Stop being an administrator?" : `Remove ${user.email} as administrator?`,
      message: self
        ? "You will lose access to this console at once. Another administrator can give it back."
        : "They keep their files but lose access to the admin console.",
      confirmLabel: "Make user",
      run: () => change.apply({ role }, `${user.email} is no longer an administrator.`),
    });
  }
  return (
    <select
      aria-label={`Role of ${user.email}`}
      value={user.role}
      disabled={change.pending}
      onChange={(e) => onChange(e.target.value as "USER" | "ADMIN")}
      className={selectClass}
    >
      <option value="USER">User</option>
      <option value="ADMIN">Admin</option>
    </select>
  );
}

export function StatusBadge({ disabled }: { disabled: boolean }) {
  return disabled ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset dark:bg-red-950/50 dark:text-red-300 dark:ring-red-900">
      Disabled
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-900">
      Active
    </span>
  );
}

/** Enable at once; disable after a confirmation (it signs the user out everywhere). */
export function StatusToggle({ user, context }: { user: AdminUserRow; context: ControlContext }) {
  const change = useChange(user);
  if (user.id === context.selfId) return null;
  if (user.disabled) {
    return (
      <Button
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        loading={change.pending}
        onClick={() => void change.apply({ disabled: false }, `${user.email} is enabled.`).catch(() => undefined)}
        aria-label={`Enable ${user.email}`}
      >
        Enable
      </Button>
    );
  }
  return (
    <Button
      variant="secondary"
      className="px-2.5 py-1 text-xs"
      aria-label={`Disable ${user.email}`}
      onClick={() =>
        context.confirm({
          title: `Disable ${user.email}?`,
          message:
            "They are signed out everywhere at once and their API tokens stop working. Their files are kept; you can enable the account again.",
          confirmLabel: "Disable account",
          run: () => change.apply({ disabled: true }, `${user.email} is disabled.`),
        })
      }
    >
      Disable
    </Button>
  );
}
