"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/auth/form-alert";
import { createShare, updateShare, type ApiShare } from "@/lib/client/shares";
import { CopyLink } from "./copy-link";
import { ExistingLinks } from "./existing-links";
import { Dialog } from "@/components/ui/dialog";
import { initialSettings, settingsBody, ShareSettingsFields } from "./share-settings";

export interface ShareTarget {
  type: "file" | "folder";
  id: string;
  name: string;
}

/**
 * Creates a link to a file or folder (expiry, optional password and download limit) and shows it
 * with a copy button. With `share`, edits that link instead (same URL).
 */
export function ShareDialog({
  target,
  open,
  onOpenChange,
  share,
  onSaved,
}: {
  target: ShareTarget;
  open: boolean;
  onOpenChange(open: boolean): void;
  /** An existing link to edit. */
  share?: ApiShare;
  onSaved?(share: ApiShare): void;
}) {
  const [state, setState] = useState(() => initialSettings(share));
  const [created, setCreated] = useState<ApiShare | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // Each opening starts from a clean form: reset while rendering, so the last one never shows.
  const [shownFor, setShownFor] = useState<{ open: boolean; share?: ApiShare }>({ open: false });
  if (shownFor.open !== open || shownFor.share !== share) {
    setShownFor({ open, share });
    if (open) {
      setState(initialSettings(share));
      setCreated(null);
      setError(null);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = settingsBody(state, share);
    if (typeof body === "string") return setError(body);
    setPending(true);
    setError(null);
    try {
      const saved = share ? await updateShare(share.id, body) : await createShare(target, body);
      onSaved?.(saved);
      if (share) {
        toast.success("Link updated");
        onOpenChange(false);
      } else {
        setCreated(saved);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : "Something went wrong.");
    } finally {
      setPending(false);
    }
  }

  const kind = target.type === "folder" ? "folder" : "file";
  const title = share ? `Edit link to “${target.name}”` : `Share “${target.name}”`;
  const description = created
    ? "Anyone with this link can download without an account until it expires."
    : share
      ? "The link stays the same."
      : `Create a link to this ${kind} for people without an account.`;

  return (
    <Dialog open={open} onClose={() => onOpenChange(false)} title={title} description={description}>
      {created ? (
        <div className="space-y-4">
          <CopyLink url={created.url} />
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Expires {new Date(created.expiresAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
            {created.hasPassword ? " · password protected" : ""}
            {created.maxDownloads !== null ? ` · at most ${created.maxDownloads} downloads` : ""}
          </p>
          <div className="flex justify-end gap-2">
            <Link
              href="/shared"
              className="mr-auto self-center rounded-md text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
            >
              All shared links
            </Link>
            <Button type="button" onClick={() => onOpenChange(false)}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <>
          {!share && <ExistingLinks target={target} />}
          <form onSubmit={submit} className="space-y-5" noValidate>
            <ShareSettingsFields state={state} onChange={setState} share={share} />
            {error && <FormAlert>{error}</FormAlert>}
            <div className="flex justify-end gap-2">
              <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={pending}>
                {share ? "Save changes" : "Create link"}
              </Button>
            </div>
          </form>
        </>
      )}
    </Dialog>
  );
}
