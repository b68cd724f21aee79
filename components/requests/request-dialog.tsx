"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { CopyLink } from "@/components/share/copy-link";
import { createFileRequest } from "@/lib/client/requests";
import type { FileRequestJson } from "@/lib/schemas/requests";

const number = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** "Request files…": an upload-only link to a folder, with its options, then the link to copy. */
export function RequestDialog({ folder, onClose }: { folder: { id: string; name: string }; onClose: () => void }) {
  const [made, setMade] = useState<FileRequestJson | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const days = number(text("days")) ?? 7;
    const maxMiB = number(text("maxMiB"));
    setPending(true);
    try {
      setMade(
        await createFileRequest(folder.id, {
          expiresIn: Math.round(days * 86_400),
          password: text("password") || undefined,
          maxFiles: number(text("maxFiles")),
          maxFileBytes: maxMiB === undefined ? undefined : Math.round(maxMiB * 1024 * 1024),
          message: text("message") || undefined,
        }),
      );
    } catch (error) {
      toast.error("Could not make the link", { description: error instanceof Error ? error.message : undefined });
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Request files into “${folder.name}”`}
      description="Anyone with the link can add files to this folder, and do nothing else: they cannot see what is in it."
    >
      {made ? (
        <div className="space-y-3">
          <CopyLink url={made.url} label="File request link" />
          <Button variant="secondary" onClick={onClose}>
            Done
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-3">
          <label className="block text-sm font-medium" htmlFor="request-message">
            Message to the visitor
          </label>
          <textarea
            id="request-message"
            name="message"
            maxLength={2000}
            rows={2}
            className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="Open for (days)" name="days" type="number" min={1} max={90} defaultValue={7} />
            <Field label="At most (files)" name="maxFiles" type="number" min={1} />
            <Field label="Each at most (MiB)" name="maxMiB" type="number" min={1} />
          </div>
          <Field label="Password (optional)" name="password" type="password" autoComplete="new-password" />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Make link
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
