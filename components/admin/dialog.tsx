"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { focusRing } from "@/components/ui/button";
import { ConfirmDialog as SharedConfirmDialog } from "@/components/ui/confirm-dialog";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

/**
 * A modal on the native <dialog>: the browser traps focus inside it, closes it on Escape and
 * returns focus to what opened it.
 */
export function Dialog({ open, onClose, title, description, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {open && (
        <div className="p-5 sm:p-6">
          <div className="flex items-start gap-3">
            <h2 id={`${id}-title`} className="flex-1 text-lg font-semibold">
              {title}
            </h2>
            <button type="button" onClick={onClose} aria-label="Close" className={`-m-1 rounded-md p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}>
              <X className="size-5" aria-hidden />
            </button>
          </div>
          {description && (
            <div id={`${id}-description`} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

export interface ConfirmRequest {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  run: () => Promise<unknown>;
}

/**
 * Asks before a destructive change (the shared ConfirmDialog); the change runs when confirmed,
 * and its error stays in the dialog so the admin can retry or cancel.
 */
export function ConfirmDialog({ request, onDone }: { request: ConfirmRequest | null; onDone: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [request]);
  async function confirm() {
    if (!request) return;
    setPending(true);
    setError(null);
    try {
      await request.run();
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : "That did not work. Try again.");
    } finally {
      setPending(false);
    }
  }
  return (
    <SharedConfirmDialog
      open={request !== null}
      title={request?.title ?? ""}
      confirmLabel={request?.confirmLabel ?? ""}
      pending={pending}
      onConfirm={() => void confirm()}
      onCancel={onDone}
    >
      {request?.message}
      {error && (
        <p role="alert" className="mt-2 text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </SharedConfirmDialog>
  );
}
